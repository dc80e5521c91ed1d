"""The language things are said in: English or Dutch, one choice per request or command.

Messages are written in English in the code (``_("...")``) and translated in Babel message
catalogues (``nap_graph/locales/<lang>/LC_MESSAGES/messages.po`` for the library,
``nap_graph_api/locales/...`` for the website). The catalogues are read from their ``.po``
source when first needed (no compiled ``.mo`` files to keep in step); fuzzy entries are
left out, as ``msgfmt`` does. The current language lives in a context variable, so each
request of the service, and each thread it hands work to, speaks its own language.

Decisions (docs/i18n.md): English is the fallback for any text without a translation; data
labels follow the same order (the chosen language, then English, then untagged).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from gettext import NullTranslations
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES = ("en", "nl")
"""The languages nap-graph speaks, the default first."""
DEFAULT = LANGUAGES[0]
DOMAIN = "messages"
LIBRARY_LOCALES = Path(__file__).resolve().parent / "locales"

_current: ContextVar[str] = ContextVar("nap_graph_language", default=DEFAULT)


def supported(lang: str | None) -> str | None:
    """``lang`` as one of :data:`LANGUAGES` (``"NL"``, ``"nl-BE"`` -> ``"nl"``), else ``None``."""
    if not lang:
        return None
    primary = lang.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGES else None


def current_language() -> str:
    """The language of the current request or command."""
    return _current.get()


def set_language(lang: str) -> None:
    """Speak ``lang`` (one of :data:`LANGUAGES`) for the rest of this context."""
    _current.set(supported(lang) or DEFAULT)


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Speak ``lang`` inside the ``with`` block."""
    token = _current.set(supported(lang) or DEFAULT)
    try:
        yield
    finally:
        _current.reset(token)


@cache
def translations(locales: Path, lang: str) -> NullTranslations:
    """The catalogue for ``lang`` under ``locales`` (no catalogue: the English text)."""
    source = locales / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == DEFAULT or not source.is_file():
        return NullTranslations()
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def gettext(message: str, locales: Path = LIBRARY_LOCALES) -> str:
    """``message`` in the current language."""
    return translations(locales, current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int, locales: Path = LIBRARY_LOCALES) -> str:
    """The singular or plural form of a message for ``n``, in the current language."""
    return translations(locales, current_language()).ngettext(singular, plural, n)


_ = gettext


def N_(message: str) -> str:  # noqa: N802 (the name gettext's tools look for)
    """Marks a string for the catalogue (``pybabel extract -k N_``); it is translated where
    it is shown."""
    return message
