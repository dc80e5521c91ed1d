"""Signing in on the website: a token given once becomes a session; forms carry a CSRF token.

Decisions (docs/site.md#signing-in):

- The session lives on the server (in SQLite beside the store, so that it survives a
  restart and every worker process shares it; a random 256-bit id in the ``nap_session``
  cookie, kept on the server only as its SHA-256: ``HttpOnly``, ``SameSite=Strict``,
  ``Secure`` when the request came over HTTPS or ``public_url`` is https, ``Path=/``), for
  eight hours, and ends at sign-out. The token is never stored, in the cookie or on the
  server: only whom it belongs to.
- Every form that changes something carries a CSRF token: the session's own once signed in;
  before that (the sign-in form itself) a double-submit token in the ``nap_csrf`` cookie. A
  POST whose ``Origin`` names another site is refused too.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

from nap_graph.access import Principal, Role
from nap_graph.store.settings import default_store_path
from nap_graph_api.settings import ApiSettings

SESSION_COOKIE = "nap_session"
CSRF_COOKIE = "nap_csrf"
LIFETIME = 8 * 3600.0
MAX_SESSIONS = 10_000


@dataclass(slots=True)
class Session:
    id: str
    principal: Principal
    csrf: str
    expires: float


SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
  digest TEXT PRIMARY KEY,       -- SHA-256 of the session id: the id itself is never stored
  name TEXT NOT NULL, role TEXT NOT NULL, organisation TEXT,
  csrf TEXT NOT NULL, expires REAL NOT NULL
)
"""


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


class SessionBook:
    """The signed-in sessions, in SQLite: a file beside the store (``<store>.sessions.sqlite``,
    or ``sessions_file``), so that sessions survive a restart and every worker process of
    the service shares them; in memory for a store in memory. Session ids are kept only as
    their SHA-256, so the file does not let anyone sign in."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        lifetime: float = LIFETIME,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path
        self.lifetime = lifetime
        self.clock = clock
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(
            str(path) if path else ":memory:", check_same_thread=False, timeout=30.0
        )
        self._lock = threading.Lock()
        with self._lock, self._db:
            if path is not None:
                self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(SCHEMA)

    @classmethod
    def for_settings(cls, settings: ApiSettings) -> SessionBook:
        """The book the settings point at (see the class)."""
        if settings.sessions_file is not None:
            return cls(Path(settings.sessions_file))
        if settings.memory:
            return cls(None)
        if settings.endpoint:
            digest = hashlib.sha256(settings.endpoint.encode("utf-8")).hexdigest()[:16]
            return cls(default_store_path().parent / f"sessions-{digest}.sqlite")
        store = settings.store_path
        return cls(store.parent / f"{store.name}.sessions.sqlite")

    def start(self, principal: Principal) -> Session:
        now = self.clock()
        session = Session(
            secrets.token_urlsafe(32), principal, secrets.token_urlsafe(32), now + self.lifetime
        )
        with self._lock, self._db:
            self._db.execute("DELETE FROM sessions WHERE expires <= ?", (now,))
            (count,) = self._db.execute("SELECT COUNT(*) FROM sessions").fetchone()
            if count >= MAX_SESSIONS:
                self._db.execute(
                    "DELETE FROM sessions WHERE digest IN "
                    "(SELECT digest FROM sessions ORDER BY expires LIMIT ?)",
                    (count - MAX_SESSIONS + 1,),
                )
            self._db.execute(
                "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?)",
                (
                    _digest(session.id),
                    principal.name,
                    principal.role.value,
                    principal.organisation,
                    session.csrf,
                    session.expires,
                ),
            )
        return session

    def find(self, session_id: str | None) -> Session | None:
        if not session_id:
            return None
        with self._lock:
            row = self._db.execute(
                "SELECT name, role, organisation, csrf, expires FROM sessions WHERE digest = ?",
                (_digest(session_id),),
            ).fetchone()
        if row is None:
            return None
        name, role, organisation, csrf, expires = row
        if expires <= self.clock():
            self.end(session_id)
            return None
        return Session(session_id, Principal(name, Role(role), organisation), csrf, expires)

    def end(self, session_id: str | None) -> None:
        with self._lock, self._db:
            self._db.execute("DELETE FROM sessions WHERE digest = ?", (_digest(session_id or ""),))

    def close(self) -> None:
        with self._lock:
            self._db.close()


def book(request: Request) -> SessionBook:
    return request.app.state.sessions  # type: ignore[no-any-return]


def current(request: Request) -> Session | None:
    """The request's session, if signed in."""
    return book(request).find(request.cookies.get(SESSION_COOKIE))


def secure(request: Request) -> bool:
    public = request.app.state.settings.public_url or ""
    return request.url.scheme == "https" or public.startswith("https://")


def set_session_cookie(response: Response, request: Request, session: Session) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        session.id,
        max_age=int(LIFETIME),
        path="/",
        httponly=True,
        samesite="strict",
        secure=secure(request),
    )


def clear_session_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="strict", secure=secure(request)
    )


def sign_in_token(request: Request) -> str:
    """The double-submit CSRF token of the sign-in form (the cookie's, or a new one)."""
    return request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)


def set_sign_in_cookie(response: Response, request: Request, token: str) -> None:
    response.set_cookie(
        CSRF_COOKIE, token, path="/", httponly=True, samesite="strict", secure=secure(request)
    )


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1] == host


def check_csrf(request: Request, sent: str | None, expected: str | None) -> None:
    """403 unless the form's token equals the expected one and the request comes from here."""
    from nap_graph_api.errors import ApiError  # errors -> pages -> sessions: import when used

    if not _same_origin(request):
        raise ApiError(403, "Forbidden", "the form was sent from another site")
    if not sent or not expected or not hmac.compare_digest(sent, expected):
        raise ApiError(
            403,
            "Forbidden",
            "the form's security token is missing or out of date; reload the page and try again",
        )
