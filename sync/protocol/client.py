"""A small, Qt-free HTTP client for the sync server: signs requests, types the answers.

It holds no sync state (cursor, outbox): that is the engine's job. Every failure surfaces as a
``ProtocolError`` subclass so callers can keep the outbox and retry later.
"""

from __future__ import annotations

import ipaddress
import json
import ssl
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, TypeVar

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.protocol import errors
from sync.protocol.codec import decode, encode
from sync.protocol.errors import (
    AuthError,
    DeviceRevoked,
    InvalidMessage,
    ProtocolError,
    ServerUnavailable,
    UpdateRequired,
)
from sync.protocol.messages import (
    DEFAULT_PULL_LIMIT,
    PROTOCOL_VERSION,
    SCHEMA_VERSION,
    AuditResponse,
    ConflictInfo,
    ConflictList,
    CursorCheck,
    EnrolRequest,
    EnrolResponse,
    HelloRequest,
    HelloResponse,
    Op,
    PartitionSummary,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    ResolveResponse,
    VerifyRequest,
    VerifyResponse,
    WipeInstruction,
)
from sync.protocol.signing import encode_public_key, sign_request, verify_wipe_instruction

T = TypeVar("T")


@dataclass(frozen=True)
class DeviceCredentials:
    """What a device keeps (in its encrypted store) after enrolment."""

    device_id: str
    private_key: Ed25519PrivateKey
    server_public_key: str


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses, the only hosts plain HTTP may reach."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class SyncClient:
    """Signed JSON calls to one sync server.

    >>> client = SyncClient("https://sync.example.dk", credentials)  # doctest: +SKIP
    >>> client.hello("1.0.0").high_water  # doctest: +SKIP
    """

    def __init__(
        self,
        base_url: str,
        credentials: DeviceCredentials | None = None,
        *,
        timeout: float = 30.0,
        ca_file: str | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        url = httpx.URL(base_url)
        if url.scheme not in ("https", "http"):
            raise ValueError("server URL must start with https://")
        if url.scheme == "http" and not is_loopback(url.host):
            raise ValueError("plain http is only allowed to a loopback address; use https://")
        verify: ssl.SSLContext | bool = True
        if ca_file is not None:
            verify = ssl.create_default_context(cafile=ca_file)
        self.credentials = credentials
        self.clock_offset = 0.0
        """Seconds to add to our clock, learnt from the server when our clock is off."""
        self._prefix = url.path.rstrip("/")
        self._http = httpx.Client(
            base_url=url.copy_with(path="/"),
            timeout=timeout,
            verify=verify,
            transport=transport,
            follow_redirects=False,
        )

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # -- endpoints -------------------------------------------------------------------------

    def enrol(self, code: str, device_name: str, private_key: Ed25519PrivateKey) -> EnrolResponse:
        """Redeem a one-time enrolment code; on success this client is signed in as the device."""
        request = EnrolRequest(code, device_name, encode_public_key(private_key.public_key()))
        answer = self._call(EnrolResponse, "/v1/enrol", encode(request), signed=False)
        self.credentials = DeviceCredentials(
            answer.device_id, private_key, answer.server_public_key
        )
        return answer

    def hello(
        self,
        app_version: str,
        cursor: CursorCheck | None = None,
        *,
        protocol: int = PROTOCOL_VERSION,
        schema: int = SCHEMA_VERSION,
    ) -> HelloResponse:
        """Handshake; raises ``UpdateRequired`` when this client is too old."""
        request = HelloRequest(protocol, schema, app_version, cursor)
        return self._call(HelloResponse, "/v1/sync/hello", encode(request))

    def push(self, ops: Sequence[Op]) -> PushResponse:
        return self._call(PushResponse, "/v1/sync/push", encode(PushRequest(list(ops))))

    def pull(
        self,
        after: int,
        limit: int = DEFAULT_PULL_LIMIT,
        partitions: Sequence[str] | None = None,
    ) -> PullResponse:
        chosen = None if partitions is None else list(partitions)
        request = PullRequest(after, limit, chosen)
        return self._call(PullResponse, "/v1/sync/pull", encode(request))

    def verify(self, partitions: Mapping[str, PartitionSummary]) -> VerifyResponse:
        request = VerifyRequest(dict(partitions))
        return self._call(VerifyResponse, "/v1/sync/verify", encode(request))

    def upload_audit(self, entries: Sequence[Mapping[str, Any]]) -> AuditResponse:
        payload = {"entries": [dict(e) for e in entries]}
        return self._call(AuditResponse, "/v1/audit", payload)

    def list_conflicts(self) -> list[ConflictInfo]:
        return self._call(ConflictList, "/v1/conflicts/list", {}).conflicts

    def resolve_conflict(self, conflict_id: str, value: Any) -> ResolveResponse:
        path = f"/v1/conflicts/{conflict_id}/resolve"
        return self._call(ResolveResponse, path, {"value": value})

    # -- transport -------------------------------------------------------------------------

    def _call(self, answer_type: type[T], path: str, payload: Any, *, signed: bool = True) -> T:
        data = self._post(path, payload, signed)
        return decode(answer_type, data)

    def _post(self, path: str, payload: Any, signed: bool) -> Any:
        body = json.dumps(payload, separators=(",", ":")).encode("utf-8")
        full_path = self._prefix + path
        for attempt in range(2):
            headers = {"Content-Type": "application/json"}
            if signed:
                headers.update(self._sign(full_path, body))
            try:
                response = self._http.post(full_path, content=body, headers=headers)
            except httpx.TransportError as exc:
                raise ServerUnavailable("unreachable", type(exc).__name__) from exc
            if response.status_code == 200:
                try:
                    return response.json()
                except ValueError:
                    raise ProtocolError("bad_response", "answer is not JSON", 200) from None
            error = self._error(response)
            server_time = _error_field(response, "server_time")
            if error.code == errors.STALE_REQUEST and attempt == 0 and server_time is not None:
                self.clock_offset = float(server_time) - time.time()
                continue
            raise error
        raise AssertionError("unreachable")  # pragma: no cover

    def _sign(self, path: str, body: bytes) -> dict[str, str]:
        if self.credentials is None:
            raise AuthError(errors.MISSING_AUTH, "device is not enrolled")
        now = int(time.time() + self.clock_offset)
        creds = self.credentials
        return sign_request(creds.private_key, creds.device_id, "POST", path, body, timestamp=now)

    def _error(self, response: httpx.Response) -> ProtocolError:
        status = response.status_code
        try:
            info = response.json()["error"]
            code, message = str(info["code"]), str(info["message"])
        except (ValueError, KeyError, TypeError):
            if status >= 500:
                return ServerUnavailable("http_error", f"HTTP {status}", status)
            return ProtocolError("bad_response", f"HTTP {status} without an error body", status)
        if code == errors.DEVICE_REVOKED:
            return self._revoked(info, message)
        if code == errors.UPDATE_REQUIRED:
            return UpdateRequired(code, message, status)
        if code in errors.AUTH_CODES:
            return AuthError(code, message, status)
        if status >= 500:
            return ServerUnavailable(code, message, status)
        return ProtocolError(code, message, status)

    def _revoked(self, info: Any, message: str) -> ProtocolError:
        """Only a wipe instruction signed by our server becomes ``DeviceRevoked``."""
        try:
            wipe = decode(WipeInstruction, info.get("wipe"))
        except InvalidMessage:
            return AuthError("wipe_invalid", "revocation without a valid wipe instruction", 403)
        creds = self.credentials
        if creds is None or not verify_wipe_instruction(
            wipe, creds.server_public_key, creds.device_id
        ):
            return AuthError("wipe_invalid", "wipe instruction failed verification", 403)
        return DeviceRevoked(wipe, message)


def _error_field(response: httpx.Response, name: str) -> Any:
    try:
        return response.json()["error"].get(name)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
