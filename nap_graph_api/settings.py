"""The service's settings: the store settings plus tokens, limits and CORS, from the same
sources (``NAP_GRAPH_*`` environment variables, ``nap-graph.toml``); passed to
``create_app`` and kept on ``app.state``. No module reads them at import."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from nap_graph.store.settings import StoreSettings


class ApiSettings(StoreSettings):
    """Everything ``create_app`` needs. Safe defaults: queries public and read-only, writes
    need a token, 30 s query timeout, 5 MB request bodies, SERVICE off."""

    tokens_file: Path | None = None
    sessions_file: Path | None = None
    """Where signed-in sessions are kept (SQLite); default beside the store."""
    admin_token: str | None = None
    query_timeout: float = 30.0
    query_workers: int = 2
    page_workers: int = 1
    """Query workers of their own for the pages and the API's lists (0: they share the
    users' workers), so that no SPARQL client can make the site wait."""
    max_connections: int = 1000
    """Connections and requests the server holds at once (``nap-graph serve``); more get 503
    at once. Requests must send their head within 10 s and their body within 30 s."""
    queries_per_client: int = 2
    """Users' SPARQL queries one client address may have running at once (then 429)."""
    anonymous_query_timeout: float = 10.0
    """The deadline of a SPARQL query without a token (``query_timeout`` with one)."""
    query_max_waiting: int = 64
    query_in_memory: bool = True
    query_memory_mb: int = 512
    """Megabytes all query workers together may spend on in-memory copies of the store. A
    store too large for a copy per worker within it is queried on disk (the Oxigraph
    server's way), so memory does not grow with the data times the workers."""
    max_body_bytes: int = 5 * 1024 * 1024
    max_submission_bytes: int = 1024 * 1024
    checks_per_minute: int = 30
    form_checks_per_minute: int = 120
    """/record-form/check, which the form calls as one types (debounced)."""
    trusted_proxies: list[str] = Field(default_factory=list)
    """Addresses of reverse proxies whose X-Forwarded-For is believed (none by default: the
    connection's address is the client's, for the rate limits and the access log)."""
    """How many records one client may check on ``/check`` in a minute (then 429)."""
    max_results: int = 100_000
    max_result_bytes: int = 200 * 1024 * 1024
    cors_origins: list[str] = Field(default_factory=list)
    public_url: str | None = None
    """The service's public root URL (``https://nap.example.org``) for absolute links in
    descriptions (VoID, dump list); without it they follow the request's own URL."""
    service_allowlist: list[str] = Field(default_factory=list)
    load_allowlist: list[str] = Field(default_factory=list)
