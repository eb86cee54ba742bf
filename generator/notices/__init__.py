"""Notice periods (公示期) counted in calendar or working days."""
