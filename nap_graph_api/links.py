"""Links in pages: an IRI as the place a reader can follow it to."""

from __future__ import annotations

from nap_graph.namespaces import BASE, NAMESPACES


def local_link(iri: str) -> str | None:
    """A path on this server when the IRI is one of ours (relative, never built from the
    Host header; things go to their documents, ``/doc/...``), the IRI itself when it is
    http(s), and ``None`` (shown as text, not a link) for any other scheme (``javascript:``,
    ``data:``, ...).

    >>> local_link("https://w3id.org/nap-graph/id/plan/nld-nap-4")
    '/doc/plan/nld-nap-4'
    >>> local_link("javascript:alert(1)") is None
    True

    Countries (the EU's IRIs, ``country:NLD``) have a page here too: ``/country/NLD``.
    """
    if iri.startswith(NAMESPACES["COUNTRY"]):
        return f"/country/{iri.removeprefix(NAMESPACES['COUNTRY'])}"
    if iri.startswith(BASE + "id/"):
        return f"/doc/{iri.removeprefix(BASE + 'id/')}"
    if iri.startswith(BASE):
        return f"/{iri.removeprefix(BASE)}"
    return iri if iri.lower().startswith(("http://", "https://")) else None


def public_root(request: object) -> str:
    """The root of absolute addresses: the ``public_url`` setting, else the request's base URL
    (a service on one's own machine; docs/catalogue.md)."""
    settings = request.app.state.settings  # type: ignore[attr-defined]
    return (settings.public_url or str(request.base_url)).rstrip("/")  # type: ignore[attr-defined]


def context_url(request: object) -> str:
    """The JSON-LD context's absolute address, so that a saved document can be read."""
    return f"{public_root(request)}/context.jsonld"
