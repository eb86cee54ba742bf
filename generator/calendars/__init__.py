"""Calendars the site publishes: notice periods and recurring office hours."""
