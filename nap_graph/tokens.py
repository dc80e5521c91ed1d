"""API tokens: random values handed to their holders, kept only as SHA-256 hashes."""

from __future__ import annotations

import hashlib
import secrets


def token_hash(token: str) -> str:
    """The hex SHA-256 of a token (what the tokens file stores)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh random token (256 bits) and its hash."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)
