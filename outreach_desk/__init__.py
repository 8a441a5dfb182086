"""Outreach Desk: the offline-capable desktop client for outreach caseworkers."""

__version__ = "0.1.0"
