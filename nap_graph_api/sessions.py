"""Signing in on the website: a token given once becomes a session; forms carry a CSRF token.

Decisions (docs/site.md#signing-in):

- The session lives on the server (in memory, a random 256-bit id in the ``nap_session``
  cookie: ``HttpOnly``, ``SameSite=Strict``, ``Secure`` when the request came over HTTPS or
  ``public_url`` is https, ``Path=/``), for eight hours, and ends at sign-out. The token is
  never stored, in the cookie or on the server: only whom it belongs to.
- Every form that changes something carries a CSRF token: the session's own once signed in;
  before that (the sign-in form itself) a double-submit token in the ``nap_csrf`` cookie. A
  POST whose ``Origin`` names another site is refused too.
- A restart of the service ends every session (sign in again).
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response

from nap_graph_api.auth import Principal

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


@dataclass(slots=True)
class SessionBook:
    """The signed-in sessions of this process."""

    lifetime: float = LIFETIME
    clock: object = time.monotonic
    _sessions: dict[str, Session] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, principal: Principal) -> Session:
        now = self.clock()  # type: ignore[operator]
        session = Session(
            secrets.token_urlsafe(32), principal, secrets.token_urlsafe(32), now + self.lifetime
        )
        with self._lock:
            self._forget_expired(now)
            if len(self._sessions) >= MAX_SESSIONS:
                oldest = min(self._sessions.values(), key=lambda s: s.expires)
                del self._sessions[oldest.id]
            self._sessions[session.id] = session
        return session

    def find(self, session_id: str | None) -> Session | None:
        if not session_id:
            return None
        now = self.clock()  # type: ignore[operator]
        with self._lock:
            session = self._sessions.get(session_id)
            if session is None or session.expires <= now:
                self._sessions.pop(session_id, None)
                return None
            return session

    def end(self, session_id: str | None) -> None:
        with self._lock:
            self._sessions.pop(session_id or "", None)

    def _forget_expired(self, now: float) -> None:
        for key in [k for k, s in self._sessions.items() if s.expires <= now]:
            del self._sessions[key]


def book(request: Request) -> SessionBook:
    state = request.app.state
    if getattr(state, "sessions", None) is None:
        state.sessions = SessionBook()
    return state.sessions  # type: ignore[no-any-return]


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
