"""Bearer tokens for the service: the library's token book (:mod:`nap_graph.access`) loaded
from the service's settings. Who may write what is decided in the library, not here."""

from __future__ import annotations

from nap_graph.access import Principal, Role, TokenBook
from nap_graph_api.settings import ApiSettings

__all__ = ["Principal", "Role", "TokenBook", "token_book"]


def token_book(settings: ApiSettings) -> TokenBook:
    """The tokens the service accepts (``tokens_file`` and ``admin_token``)."""
    return TokenBook.load(settings.tokens_file, settings.admin_token)
