"""Checks on the staged, built site before it replaces the last good one."""
