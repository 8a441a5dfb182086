"""The central sync server: ``create_app(settings)`` for ASGI, ``outreach-sync`` for admins."""

from sync.server.app import create_app
from sync.server.settings import Settings, load_settings

__all__ = ["Settings", "create_app", "load_settings"]
