"""Bearer tokens: hashed at rest in a TOML file, each bound to a role.

::

    # tokens.toml (NAP_GRAPH_TOKENS_FILE)
    [[tokens]]
    name = "secretariat"
    sha256 = "<hex SHA-256 of the token>"     # nap-graph token --role admin prints both
    role = "admin"

    [[tokens]]
    name = "ministry-of-justice"
    sha256 = "..."
    role = "signatory"
    organisation = "jenv"                     # may submit and replace only jenv's records

``NAP_GRAPH_ADMIN_TOKEN`` adds one admin token (quick starts and tests). Tokens are random
and long, so one SHA-256 is enough to keep them safe at rest; they are compared in constant
time.
"""

from __future__ import annotations

import hmac
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from nap_graph.tokens import token_hash
from nap_graph_api.settings import ApiSettings


class Role(StrEnum):
    admin = "admin"
    signatory = "signatory"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who a valid token belongs to."""

    name: str
    role: Role
    organisation: str | None = None

    def may_submit_for(self, organisation_key: str) -> bool:
        return self.role is Role.admin or self.organisation == organisation_key


@dataclass(frozen=True, slots=True)
class TokenBook:
    """The known token hashes and whom they belong to."""

    entries: dict[str, Principal]

    @classmethod
    def from_settings(cls, settings: ApiSettings) -> TokenBook:
        entries: dict[str, Principal] = {}
        if settings.tokens_file is not None:
            document = tomllib.loads(Path(settings.tokens_file).read_text(encoding="utf-8"))
            for i, item in enumerate(document.get("tokens", [])):
                try:
                    role = Role(item["role"])
                    principal = Principal(
                        name=item.get("name", f"token {i}"),
                        role=role,
                        organisation=item.get("organisation"),
                    )
                    entries[item["sha256"].lower()] = principal
                except (KeyError, ValueError) as exc:
                    raise ValueError(
                        f"{settings.tokens_file}: tokens[{i}]: {exc}: "
                        "needs sha256 and role admin|signatory"
                    ) from exc
                if role is Role.signatory and not principal.organisation:
                    raise ValueError(
                        f"{settings.tokens_file}: tokens[{i}]: "
                        "a signatory token needs an organisation"
                    )
        if settings.admin_token:
            entries[token_hash(settings.admin_token)] = Principal(
                name="admin (environment)", role=Role.admin
            )
        return cls(entries)

    def find(self, token: str) -> Principal | None:
        digest = token_hash(token)
        for known, principal in self.entries.items():
            if hmac.compare_digest(known, digest):
                return principal
        return None
