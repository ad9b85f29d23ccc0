"""Curator: multilingual photo exhibitions, from imported photos to a printed catalogue."""

__version__ = "0.1.0"
