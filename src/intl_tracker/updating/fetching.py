"""HTTP for ``import``: one JSON answer per request, within a deadline, from the asked host.

The standard library's ``http.client``, driven here rather than through ``urllib`` so that
every limit is ours:

- **one deadline per request** (``TIMEOUT``): connecting, redirects, headers and the whole
  body. Each socket wait is given what is left, and a timer shuts the socket at the
  deadline, so a server that drips a byte a second cannot keep the import waiting;
- **a size limit** (``MAX_BYTES``), from ``Content-Length`` before reading and while reading;
- **redirects only within the same scheme, host and port**, and for a query (POST) only
  those that keep the method (307, 308); any other is refused with "the table moved to
  ADDRESS", so a moved table is noticed and no query is sent to a host nobody chose;
- ``Retry-After`` of a 429 or 503 in both forms (seconds, or an HTTP date);
- **JSON read safely**: nesting deeper than ``MAX_NESTING`` levels, a number written with more
  than ``MAX_NUMBER_CHARS`` characters, NaN or Infinity are refused before anything is
  converted; decimals are read as ``Decimal`` (exact), integers as ``int``.

Proxies from the environment (``https_proxy``, ``http_proxy``, ``no_proxy``) are used as by
``urllib``. Every failure is a ``SourceError`` naming the address and the reason (exit 1).
"""

from __future__ import annotations

import contextlib
import email.utils
import http.client
import json
import math
import socket
import ssl
import threading
import time
import urllib.request
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urljoin, urlsplit

from intl_tracker import __version__
from intl_tracker.core.errors import ExitCode, IntlTrackerError

TIMEOUT = 30.0  # seconds for a whole request
MAX_BYTES = 20_000_000  # an answer larger than this is refused
MAX_REDIRECTS = 5
MAX_NESTING = 64  # JSON-stat needs 5 levels
MAX_NUMBER_CHARS = 40  # digits, sign, point and exponent of one number
USER_AGENT = f"intl-tracker/{__version__}"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class SourceError(IntlTrackerError):
    """The source could not be read or did not answer as expected (exit 1, nothing written)."""

    exit_code = ExitCode.INVALID_DATA

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


def get_json(url: str) -> Any:
    """GET ``url`` and parse its JSON answer; raises SourceError."""
    return request_json(url, None)


def post_json(url: str, payload: Mapping[str, Any]) -> Any:
    """POST ``payload`` as JSON to ``url`` and parse the answer; raises SourceError."""
    return request_json(url, json.dumps(payload).encode("utf-8"))


def request_json(url: str, body: bytes | None) -> Any:
    """The parsed JSON answer of a GET (``body`` None) or POST; raises SourceError."""
    deadline = time.monotonic() + TIMEOUT
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        status, reason, headers, raw = _exchange(url, current, body, deadline)
        if status in _REDIRECTS:
            current = _redirected(url, current, status, headers, body is not None)
            continue
        if status >= 400:
            raise SourceError(url, http_reason(status, reason, headers))
        if status != 200:
            raise SourceError(url, f"unexpected answer HTTP {status} {reason}")
        return parse_json(raw, url)
    raise SourceError(url, f"more than {MAX_REDIRECTS} redirects")


def _redirected(
    url: str, current: str, status: int, headers: Mapping[str, str], is_post: bool
) -> str:
    location = headers.get("location")
    if not location:
        raise SourceError(url, f"HTTP {status} without a Location")
    target = urljoin(current, location)
    if _origin(target) != _origin(current):
        raise SourceError(
            url,
            f"the table moved to {target} (HTTP {status}); another host is not followed: "
            "check the address and put it in the mapping's table",
        )
    if is_post and status not in (307, 308):
        raise SourceError(
            url,
            f"the table moved to {target} (HTTP {status}, which would turn the query into a "
            "GET); put the new address in the mapping's table",
        )
    return target


def _origin(url: str) -> tuple[str, str, int | None]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # not an address (a bad port, a bracket): no origin matches it
        return "", url, -1
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port or default


def http_reason(status: int, reason: str, headers: Mapping[str, str]) -> str:
    """The reason of an HTTP error in words, with what to do about it."""
    said = f"HTTP {status} {reason}".rstrip()
    if status == 429:
        return (
            said
            + "; the service limits how often it may be asked, "
            + retry_after(headers.get("retry-after"))
        )
    if status == 404:
        return said + "; the table address is wrong or the table was renamed"
    if status == 400:
        return said + "; the service refused the query (a variable or code may have changed)"
    if status == 503:
        return said + "; the service is unavailable, " + retry_after(headers.get("retry-after"))
    if status >= 500:
        return said + "; the service failed, try again later"
    return said


def retry_after(value: str | None, now: datetime | None = None) -> str:
    """``try again after ...`` from a Retry-After header: delay-seconds or an HTTP date."""
    if not value:
        return "try again in a minute"
    text = value.strip()
    if text.isascii() and text.isdigit() and len(text) <= 9:
        return f"try again after {int(text)} s"
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return "try again later"
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    wait = max(0, math.ceil((when - now).total_seconds()))
    return f"try again after {when.astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC (in {wait} s)"


# --- one exchange ----------------------------------------------------------------------


def _exchange(
    url: str, current: str, body: bytes | None, deadline: float
) -> tuple[int, str, dict[str, str], bytes]:
    """Status, reason, headers (lower-case names) and body of one request to ``current``."""
    try:
        parts = urlsplit(current)
        parts.port  # noqa: B018  # raises ValueError for a port out of range
    except ValueError:
        raise SourceError(url, f"not a valid address: {current}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourceError(url, f"not an http(s) address: {current}")
    connection, target = _connection(parts, _left(url, deadline))
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    try:
        with _shut_at(connection, deadline):
            connection.connect()
            _pace(connection, url, deadline)
            connection.request("GET" if body is None else "POST", target, body, headers)
            _pace(connection, url, deadline)
            response = connection.getresponse()
            try:
                answer = {k.lower(): v for k, v in response.getheaders()}
                raw = (
                    b""
                    if response.status in _REDIRECTS
                    else _body(connection, response, answer, url, deadline)
                )
                return response.status, response.reason, answer, raw
            finally:
                response.close()
    except SourceError:
        raise
    except TimeoutError:
        raise SourceError(url, f"no complete answer within {TIMEOUT:g} s") from None
    except ssl.SSLError as exc:
        raise SourceError(url, f"the secure connection failed ({exc.reason or exc})") from None
    except (OSError, http.client.HTTPException, ValueError) as exc:  # ValueError: a bad host
        if time.monotonic() >= deadline:
            raise SourceError(url, f"no complete answer within {TIMEOUT:g} s") from None
        if isinstance(exc, ConnectionRefusedError | socket.gaierror):
            raise SourceError(url, f"cannot connect ({exc.strerror or exc})") from None
        raise SourceError(url, f"the connection failed ({exc.__class__.__name__}: {exc})") from None
    finally:
        connection.close()


def _connection(parts: Any, timeout: float) -> tuple[http.client.HTTPConnection, str]:
    """A connection to the host, or through the environment's proxy; and the request target."""
    host, port = parts.hostname, parts.port
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    proxy = urllib.request.getproxies().get(parts.scheme)
    if proxy and urllib.request.proxy_bypass(host):
        proxy = None
    kind: type[http.client.HTTPConnection] = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    if not proxy:
        return kind(host, port, timeout=timeout), path
    via = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
    if parts.scheme == "https":
        connection = kind(via.hostname or "", via.port, timeout=timeout)
        connection.set_tunnel(host, port)
        return connection, path
    connection = http.client.HTTPConnection(via.hostname or "", via.port, timeout=timeout)
    return connection, parts.geturl()


def _left(url: str, deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise SourceError(url, f"no complete answer within {TIMEOUT:g} s")
    return left


def _pace(connection: http.client.HTTPConnection, url: str, deadline: float) -> None:
    """Give the socket's next wait only the time left."""
    if connection.sock is not None:
        connection.sock.settimeout(_left(url, deadline))


@contextlib.contextmanager
def _shut_at(connection: http.client.HTTPConnection, deadline: float) -> Iterator[None]:
    """Shut the connection's socket at the deadline, whatever the reads are doing."""

    def shut() -> None:
        sock = connection.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(max(0.0, deadline - time.monotonic()), shut)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def _body(
    connection: http.client.HTTPConnection,
    response: http.client.HTTPResponse,
    headers: Mapping[str, str],
    url: str,
    deadline: float,
) -> bytes:
    length = headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BYTES:
        raise SourceError(url, f"the answer is larger than {MAX_BYTES:,} bytes")
    chunks: list[bytes] = []
    size = 0
    while True:
        _pace(connection, url, deadline)
        chunk = response.read1(65536)
        if time.monotonic() >= deadline:
            raise SourceError(url, f"no complete answer within {TIMEOUT:g} s")
        if not chunk:
            break
        size += len(chunk)
        if size > MAX_BYTES:
            raise SourceError(url, f"the answer is larger than {MAX_BYTES:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


# --- JSON --------------------------------------------------------------------------------


class _NumberTooLong(ValueError):
    pass


class _NotFinite(ValueError):
    pass


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _NumberTooLong(text)
    return int(text)


def _decimal(text: str) -> Decimal:
    if len(text) > MAX_NUMBER_CHARS:
        raise _NumberTooLong(text)
    return Decimal(text)


def _constant(text: str) -> Any:
    raise _NotFinite(text)


def parse_json(raw: bytes, url: str) -> Any:
    """``raw`` as JSON (a byte-order mark allowed: PxWeb writes one), checked as the module
    docstring says; raises SourceError."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(url, f"the answer is not UTF-8 JSON ({exc.reason})") from None
    try:
        document = json.loads(text, parse_int=_int, parse_float=_decimal, parse_constant=_constant)
    except _NumberTooLong as exc:
        shown = str(exc)
        shown = shown if len(shown) <= 20 else f"{shown[:12]}… ({len(shown):,} characters)"
        raise SourceError(
            url, f"the answer holds the number {shown}, longer than {MAX_NUMBER_CHARS} characters"
        ) from None
    except _NotFinite as exc:
        raise SourceError(url, f"the answer holds {exc}, which is not a number") from None
    except RecursionError:
        raise SourceError(url, f"the answer nests deeper than {MAX_NESTING} levels") from None
    except json.JSONDecodeError as exc:
        raise SourceError(url, f"the answer is not JSON ({exc})") from None
    if text.count("[") + text.count("{") > MAX_NESTING and _too_deep(document):
        raise SourceError(url, f"the answer nests deeper than {MAX_NESTING} levels")
    return document


def _too_deep(document: Any) -> bool:
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_NESTING:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values() if isinstance(v, dict | list))
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item if isinstance(v, dict | list))
    return False
