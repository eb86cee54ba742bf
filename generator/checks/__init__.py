"""Checks that run on the built site before it replaces the published one."""
