"""An HTTP proxy on 127.0.0.1 that breaks the network between a laptop and the sync server.

It sits between a real ``SyncClient`` and the real server and, per request, either forwards
it untouched or applies one fault:

- ``drop_request``: the server never sees it; the client sees the connection close.
- ``delay``: forwarded after a short pause.
- ``duplicate``: sent to the server twice; the client gets the second answer (a replay).
- ``truncate_response``: the server answers; the client gets half of the answer.
- ``reset``: half of the request reaches the server, then both connections are reset.
- ``reorder``: held back (the client sees the connection close) and delivered to the
  server late, right after the next request that passes the proxy.
- ``drop_response``: the server commits and answers; the answer never reaches the client.

Faults come from a queue (``inject``: the next matching request gets this fault) or from a
seeded random schedule (``rate``, ``kinds``), so a run is repeatable from its seed. ``counts``
says what was done. Every request is sent upstream on a fresh connection with
``Connection: close`` and every client connection carries one request, so a fault never
leaks into the next request.
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
from collections import Counter, deque
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urlsplit

FAULT_KINDS = (
    "drop_request",
    "delay",
    "duplicate",
    "truncate_response",
    "reset",
    "reorder",
    "drop_response",
)
"""Every fault the proxy can apply."""

IO_TIMEOUT = 30.0
_HEAD_END = b"\r\n\r\n"


@dataclass(frozen=True)
class Fault:
    kind: str
    path: str | None = None
    """Only a request to this path gets the fault (None: any request)."""

    def matches(self, path: str) -> bool:
        return self.path is None or self.path == path


@dataclass(frozen=True)
class _Request:
    path: str
    head: bytes  # request line and headers, with "Connection: close", ending in CRLF CRLF
    body: bytes

    @property
    def raw(self) -> bytes:
        return self.head + self.body


class FaultProxy:
    """``with FaultProxy(server_url, seed=7, rate=0.2) as proxy: ... proxy.url ...``"""

    def __init__(
        self,
        upstream: str,
        *,
        seed: int = 0,
        rate: float = 0.0,
        kinds: tuple[str, ...] = FAULT_KINDS,
        max_delay: float = 0.05,
    ) -> None:
        parts = urlsplit(upstream)
        if parts.hostname is None or parts.port is None:
            raise ValueError("upstream must be http://host:port")
        unknown = set(kinds) - set(FAULT_KINDS)
        if unknown:
            raise ValueError(f"unknown fault kinds: {sorted(unknown)}")
        self._upstream = (parts.hostname, parts.port)
        self._rng = random.Random(seed)
        self.rate = rate
        self.kinds = kinds
        self.max_delay = max_delay
        self.counts: Counter[str] = Counter()
        """Requests seen (``requests``), forwarded (``forwarded``), and faults by kind."""
        self.log: list[tuple[str, str]] = []
        """(path, fault kind or "pass") per request, in arrival order."""
        self._queue: deque[Fault] = deque()
        self._held: list[_Request] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self._listener.settimeout(0.1)
        self._threads: list[threading.Thread] = []
        self._acceptor = threading.Thread(target=self._accept_loop, daemon=True)

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def start(self) -> FaultProxy:
        self._acceptor.start()
        return self

    def stop(self) -> None:
        """Stop accepting, let requests in flight finish, close the listening socket."""
        self._stopping.set()
        if self._acceptor.is_alive():
            self._acceptor.join(5)
        for thread in list(self._threads):
            thread.join(IO_TIMEOUT)
        self._listener.close()

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- what to do --------------------------------------------------------------------------

    def inject(self, kind: str, path: str | None = None) -> None:
        """The next request (to ``path``, if given) gets fault ``kind``."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind: {kind}")
        with self._lock:
            self._queue.append(Fault(kind, path))

    def reseed(self, seed: int) -> None:
        """Restart the random schedule (and delays) from ``seed``."""
        with self._lock:
            self._rng = random.Random(seed)

    def clear(self) -> None:
        """Forget queued faults that no request has met yet."""
        with self._lock:
            self._queue.clear()

    @property
    def held(self) -> int:
        with self._lock:
            return len(self._held)

    def release_held(self) -> None:
        """Deliver held (reordered) requests now; their answers go nowhere."""
        with self._lock:
            held, self._held = self._held, []
        for request in held:
            self._forward(request)

    def faults(self) -> dict[str, int]:
        """Faults applied so far, per kind."""
        with self._lock:
            return {kind: self.counts[kind] for kind in FAULT_KINDS if self.counts[kind]}

    def _decide(self, path: str) -> str | None:
        with self._lock:
            self.counts["requests"] += 1
            chosen: str | None = None
            for fault in self._queue:
                if fault.matches(path):
                    self._queue.remove(fault)
                    chosen = fault.kind
                    break
            if chosen is None and self.rate > 0 and self._rng.random() < self.rate:
                chosen = self._rng.choice(self.kinds)
            if chosen is not None:
                self.counts[chosen] += 1
            self.log.append((path, chosen or "pass"))
            return chosen

    # -- plumbing ----------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
            thread.start()

    def _serve(self, client: socket.socket) -> None:
        client.settimeout(IO_TIMEOUT)
        try:
            request = _read_request(client)
            if request is None:
                return
            kind = self._decide(request.path)
            self._handle(client, request, kind)
        except OSError:
            pass  # the client went away: nothing to answer
        finally:
            client.close()

    def _handle(self, client: socket.socket, request: _Request, kind: str | None) -> None:
        if kind == "drop_request":
            return
        if kind == "reorder":
            with self._lock:
                self._held.append(request)
            return
        if kind == "reset":
            self._forward_half_then_reset(request)
            _reset(client)
            return
        if kind == "delay":
            self._stopping.wait(self._rng_uniform(self.max_delay))
        answer = self._forward(request)
        if kind == "duplicate":
            second = self._forward(request)
            if b"replayed_request" in second:
                with self._lock:
                    self.counts["replay_refused"] += 1
            answer = second
        self.release_held()  # a later request passed first: the held ones arrive now
        if kind == "drop_response":
            return
        if kind == "truncate_response":
            answer = answer[: max(1, len(answer) // 2)]
        client.sendall(answer)

    def _rng_uniform(self, high: float) -> float:
        with self._lock:
            return self._rng.uniform(0, high)

    def _forward(self, request: _Request) -> bytes:
        """Send the whole request upstream; the whole answer (empty if the server is gone)."""
        with self._lock:
            self.counts["forwarded"] += 1
        try:
            with socket.create_connection(self._upstream, IO_TIMEOUT) as upstream:
                upstream.sendall(request.raw)
                chunks = []
                while chunk := upstream.recv(65536):
                    chunks.append(chunk)
            return _with_close(b"".join(chunks))
        except OSError:
            return b""

    def _forward_half_then_reset(self, request: _Request) -> None:
        try:
            upstream = socket.create_connection(self._upstream, IO_TIMEOUT)
        except OSError:
            return
        with contextlib.suppress(OSError):
            upstream.sendall(request.head + request.body[: len(request.body) // 2])
        _reset(upstream)


def _read_request(client: socket.socket) -> _Request | None:
    data = b""
    while _HEAD_END not in data:
        chunk = client.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, rest = data.partition(_HEAD_END)
    lines = head.split(b"\r\n")
    path = lines[0].split(b" ")[1].decode("ascii", "replace")
    length = 0
    kept = [lines[0]]
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
        if name.strip().lower() != b"connection":
            kept.append(line)
    kept.append(b"Connection: close")
    body = rest
    while len(body) < length:
        chunk = client.recv(65536)
        if not chunk:
            return None
        body += chunk
    return _Request(path.split("?")[0], b"\r\n".join(kept) + _HEAD_END, body[:length])


def _with_close(answer: bytes) -> bytes:
    """The answer, marked ``Connection: close`` (the client connection ends after it)."""
    head, sep, body = answer.partition(_HEAD_END)
    if not sep:
        return answer
    lines = [
        line
        for line in head.split(b"\r\n")
        if line.partition(b":")[0].strip().lower() != b"connection"
    ]
    return b"\r\n".join([*lines, b"Connection: close"]) + _HEAD_END + body


def _reset(sock: socket.socket) -> None:
    """Close with RST instead of FIN."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
