"""The demo's own central server: a real ``outreach-sync`` on 127.0.0.1, in-process.

``make demo`` starts it beside the app so that sync, conflicts and enrolment can be
tried without any set-up. Its SQLite database lives in the demo profile folder.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn

from sync.server import Settings, accounts
from sync.server.app import create_app
from sync.server.db import Database
from sync.server.identity import initialise

TEAM = "Team Odense Centrum"
CASEWORKER = ("mette", "Mette Demo", "caseworker")
COLLEAGUE = ("jonas", "Jonas Kollega", "caseworker")
TEAM_LEAD = ("lars", "Lars Teamleder", "team_lead")


@dataclass
class EmbeddedServer:
    database: Path
    port: int = 0
    _db: Database | None = field(default=None, repr=False)
    _server: uvicorn.Server | None = field(default=None, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)
    _socket: socket.socket | None = field(default=None, repr=False)

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = Database(f"sqlite:///{self.database}")
        return self._db

    def prepare(self) -> None:
        """Create the server's database with one team and its people, once."""
        if initialise(self.db):
            accounts.add_team(self.db, TEAM)
            for username, name, role in (CASEWORKER, COLLEAGUE, TEAM_LEAD):
                accounts.add_user(self.db, username, name, role)
                accounts.add_member(self.db, TEAM, username, lead=role == "team_lead")

    def enrol_code(self, username: str = CASEWORKER[0]) -> str:
        code, _expires = accounts.issue_enrol_code(self.db, username, 15 * 60)
        return code

    def start(self) -> str:
        """Serve on 127.0.0.1 (the chosen port if free, else any); returns the base URL."""
        # IPPROTO_TCP named explicitly: asyncio sets TCP_NODELAY only on connections accepted
        # from a socket whose proto says TCP; with proto 0 every answer waits ~40 ms for a
        # delayed ACK (Nagle), a sync's half-dozen requests a quarter of a second.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", self.port))
        except OSError:
            sock.bind(("127.0.0.1", 0))
        self._socket = sock
        settings = Settings(database_url=f"sqlite:///{self.database}")
        app = create_app(settings, self.db)
        self._server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, daemon=True, name="demo-server"
        )
        self._thread.start()
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the demo server did not start")
            self._thread.join(0.01)
        self.port = int(sock.getsockname()[1])
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(10)
        if self._socket is not None:
            self._socket.close()
        if self._db is not None:
            self._db.dispose()
            self._db = None
