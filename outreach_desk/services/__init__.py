"""Application services: what the UI asks for, run off the GUI thread."""
