"""Pledge registry: Vietnamese emulation-pledge texts in, registry rows out."""

__version__ = "0.1.0"
