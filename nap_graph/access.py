"""Who may write what: principals, their roles and the token book, decided here once for the
API, the website and the CLI (:class:`~nap_graph.workspace.Workspace` asks
:meth:`Principal.may_submit_for` before every write of a record).

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

import getpass
import hmac
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from nap_graph.tokens import token_hash


class Role(StrEnum):
    admin = "admin"
    """Coordinators and operators: submit for anyone, curate, review, revert, update."""
    signatory = "signatory"
    """One organisation: submits, replaces and reverts its own records only."""


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is writing: a token's holder, or the person at the terminal."""

    name: str
    role: Role
    organisation: str | None = None
    """The organisation key a signatory acts for (``jenv``)."""

    @property
    def is_admin(self) -> bool:
        return self.role is Role.admin

    def may_submit_for(self, organisation_key: str) -> bool:
        return self.role is Role.admin or self.organisation == organisation_key

    @classmethod
    def local(cls) -> Principal:
        """Whoever runs the command line on the store itself: an administrator (they can
        open the store's files anyway), named after the operating-system user."""
        return cls(name=getpass.getuser(), role=Role.admin)


@dataclass(frozen=True, slots=True)
class TokenBook:
    """The known token hashes and whom they belong to."""

    entries: dict[str, Principal]

    @classmethod
    def load(cls, tokens_file: Path | None, admin_token: str | None = None) -> TokenBook:
        """The tokens of ``tokens_file`` (TOML, above) and the one admin token, if given;
        :class:`ValueError` naming the entry when one is malformed."""
        entries: dict[str, Principal] = {}
        if tokens_file is not None:
            document = tomllib.loads(Path(tokens_file).read_text(encoding="utf-8"))
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
                        f"{tokens_file}: tokens[{i}]: {exc}: needs sha256 and role admin|signatory"
                    ) from exc
                if role is Role.signatory and not principal.organisation:
                    raise ValueError(
                        f"{tokens_file}: tokens[{i}]: a signatory token needs an organisation"
                    )
        if admin_token:
            entries[token_hash(admin_token)] = Principal(
                name="admin (environment)", role=Role.admin
            )
        return cls(entries)

    def find(self, token: str) -> Principal | None:
        digest = token_hash(token)
        for known, principal in self.entries.items():
            if hmac.compare_digest(known, digest):
                return principal
        return None
