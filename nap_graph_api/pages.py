"""The page templates (``nap_graph_api/templates``), loaded once for every route and the
error pages, speaking the request's language (:mod:`nap_graph_api.i18n`)."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from nap_graph import __version__
from nap_graph.i18n import current_language
from nap_graph.submissions.plain_errors import field_label
from nap_graph_api.graph_names import graph_name
from nap_graph_api.i18n import gettext, ngettext, switch_links
from nap_graph_api.kinds import (
    facet_title,
    kind_label,
    match_label,
    relation_label,
    severity_label,
)
from nap_graph_api.links import local_link
from nap_graph_api.sessions import current as session_of
from nap_graph_api.values import is_iri, is_literal, literal_text, today

environment = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=select_autoescape(),
    extensions=["jinja2.ext.i18n"],
)
environment.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
environment.globals.update(
    lang=current_language,
    languages=switch_links,
    version=__version__,
    link=local_link,
    kind_label=kind_label,
    facet_title=facet_title,
    relation_label=relation_label,
    severity_label=severity_label,
    match_label=match_label,
    session_of=session_of,
    is_iri=is_iri,
    is_literal=is_literal,
    literal_text=literal_text,
    graph_name=graph_name,
    today=today,
    field_label=field_label,
)
environment.filters["dictsum"] = lambda counts: sum(counts.values())
templates = Jinja2Templates(env=environment)
