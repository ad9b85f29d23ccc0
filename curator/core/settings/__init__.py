"""Project settings.

Each declared once with its bounds, read and written through one checked
API.
"""
