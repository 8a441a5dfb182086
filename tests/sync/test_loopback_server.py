"""The in-process servers (the demo's, the tests') answer without Nagle's delay: asyncio
turns TCP_NODELAY on only for connections accepted from a socket whose proto says TCP."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import httpx
import uvicorn

from outreach_desk.demo.embedded import EmbeddedServer


def accepted_nodelay(server: uvicorn.Server) -> int:
    """TCP_NODELAY of a connection the server accepted (waits for it to be registered)."""
    deadline = time.monotonic() + 10
    while not server.server_state.connections:
        assert time.monotonic() < deadline, "the server never registered the connection"
        time.sleep(0.01)
    protocol = next(iter(server.server_state.connections))
    sock = protocol.transport.get_extra_info("socket")  # type: ignore[attr-defined]
    return int(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))


def test_the_demo_server_turns_nagle_off_on_its_connections(tmp_path: Path) -> None:
    demo = EmbeddedServer(tmp_path / "server.db")
    demo.prepare()
    url = demo.start()
    try:
        with httpx.Client() as client:  # keep-alive: the connection stays open to look at
            assert client.get(f"{url}/v1/health").status_code == 200
            assert demo._server is not None
            assert accepted_nodelay(demo._server) == 1
    finally:
        demo.stop()
