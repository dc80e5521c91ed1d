"""The website's language: chosen per request, remembered, and used by every template.

The order (docs/i18n.md): ``?lang=en|nl`` first (and remembered in the ``lang`` cookie for a
year), then the remembered choice, then the browser's ``Accept-Language``, then English.
HTML answers say which they chose (``Content-Language``) and that they vary with the
headers that chose it (``Vary: Accept-Language, Cookie``).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nap_graph import i18n
from nap_graph.i18n import DEFAULT, LANGUAGES, current_language, supported

SITE_LOCALES = Path(__file__).resolve().parent / "locales"
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
LANGUAGE_NAMES = {"en": "English", "nl": "Nederlands"}


def from_accept_language(header: str | None) -> str | None:
    """The supported language the browser likes best (RFC 9110 section 12.5.4 weights).

    >>> from_accept_language("fr-FR, nl;q=0.8, en;q=0.5")
    'nl'
    >>> from_accept_language("de, fr") is None
    True
    """
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        name, _, value = params.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                weight = float(value)
            except ValueError:
                weight = 0.0
        lang = supported(tag)
        if lang and weight > 0:
            ranked.append((-weight, position, lang))
    return min(ranked)[2] if ranked else None


def choose(connection: HTTPConnection) -> tuple[str, bool]:
    """The request's language, and whether ``?lang=`` asked for it (to be remembered)."""
    asked = supported(connection.query_params.get("lang"))
    if asked:
        return asked, True
    remembered = supported(connection.cookies.get(COOKIE))
    if remembered:
        return remembered, False
    return from_accept_language(connection.headers.get("accept-language")) or DEFAULT, False


def gettext(message: str) -> str:
    """A website string in the current language."""
    return i18n.gettext(message, SITE_LOCALES)


def ngettext(singular: str, plural: str, n: int) -> str:
    return i18n.ngettext(singular, plural, n, SITE_LOCALES)


def switch_links(connection: HTTPConnection) -> list[tuple[str, str, str, bool]]:
    """For the header's language switch: (code, name, the same page in it, is current)."""
    params = [(k, v) for k, v in connection.query_params.multi_items() if k != COOKIE]
    path = connection.url.path
    return [
        (
            code,
            LANGUAGE_NAMES[code],
            f"{path}?{urlencode([*params, (COOKIE, code)])}",
            code == current_language(),
        )
        for code in LANGUAGES
    ]


class LanguageMiddleware:
    """Sets each request's language before any route or error page runs; remembers a
    ``?lang=`` choice; labels HTML answers with their language."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        lang, asked = choose(HTTPConnection(scope))
        i18n.set_language(lang)

        async def send_labelled(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html"):
                    headers["Content-Language"] = lang
                    headers.add_vary_header("Accept-Language")
                    headers.add_vary_header("Cookie")
                if asked:
                    headers.append(
                        "Set-Cookie",
                        f"{COOKIE}={lang}; Path=/; Max-Age={COOKIE_MAX_AGE}; SameSite=Lax",
                    )
            await send(message)

        await self.app(scope, receive, send_labelled)
