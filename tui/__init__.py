"""Quoth: a terminal reader for attributed news."""

__version__ = "0.1.0"
