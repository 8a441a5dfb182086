"""The desktop user interface (PySide6): windows, views, dialogs and item models."""
