"""Muragat: the digitization workbench for university archives."""

__version__ = "0.1.0"
