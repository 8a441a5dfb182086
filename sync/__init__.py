"""Qt-free synchronisation: wire protocol, merge rules and the central server.

Nothing in this package imports ``outreach_desk`` or Qt, so the server can be installed and tested
on its own and the desktop client can use the protocol without a screen.
"""
