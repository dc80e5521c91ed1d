"""The words the site uses for kinds of things and for search facets, translated where shown."""

from __future__ import annotations

from nap_graph.i18n import N_
from nap_graph_api.i18n import gettext


class Words(dict[str, str]):
    """Words the site uses for machine values, marked for the catalogue; calling it gives
    a value's word in the reader's language (the value itself when it has none)."""

    def __call__(self, value: str | None) -> str:
        if not value:  # gettext("") would answer the catalogue's header
            return ""
        return gettext(self.get(value, value))


KINDS = {
    "organisation": N_("Organisation"),
    "outcome": N_("Outcome"),
    "activity": N_("Activity"),
    "plan": N_("Plan"),
    "country": N_("Country"),
    "target-group": N_("Target group"),
    "contribution": N_("Contribution"),
    "submission": N_("Submission"),
    "indicator": N_("Indicator"),
    "target": N_("Target"),
    "observed-value": N_("Observed value"),
    "activity-type": N_("Activity type"),
    "investment-type": N_("Investment type"),
    "organisation-kind": N_("Kind of organisation"),
    "mission-type": N_("Mission type"),
    "geographic-focus": N_("Geographic focus"),
    "legal-instrument": N_("Legal instrument"),
    "pillar": N_("Pillar"),
    "region": N_("Region"),
    "scheme": N_("Outcome framework"),
    "source": N_("Source document"),
}
FACET_TITLES = Words(
    {
        "kind": N_("Kind of thing"),
        "organisation": N_("Organisation"),
        "outcome": N_("Outcome"),
        "plan": N_("Plan"),
        "country": N_("Country"),
        "organisation-kind": N_("Kind of organisation"),
    }
)


def kind_label(kind: str) -> str:
    """``"target-group"`` -> "Target group" (or "Doelgroep")."""
    return gettext(KINDS[kind]) if kind in KINDS else kind.replace("-", " ").capitalize()


facet_title = FACET_TITLES


RELATIONS = Words(
    {
        "kind": N_("kind"),
        "part of": N_("part of"),
        "unit": N_("unit"),
        "accountable to": N_("accountable to"),
        "country": N_("country"),
        "signatory of": N_("signatory of"),
        "coordinator of": N_("coordinator of"),
        "coordinator": N_("coordinator"),
        "signatory": N_("signatory"),
        "notation": N_("notation"),
        "plan": N_("plan"),
        "broader": N_("part of outcome"),
        "narrower": N_("sub-outcomes"),
        "pillar": N_("UNSCR 1325 pillar"),
        "carried out by": N_("carried out by"),
        "outcome": N_("outcome"),
        "partner": N_("partner"),
        "target group": N_("target group"),
        "target": N_("target"),
        "activity type": N_("activity type"),
        "based in": N_("based in"),
        "works for": N_("works in or for"),
        "unit of": N_("unit of"),
        "partner country": N_("partner country"),
    }
)
"""The relations the kind pages name (queries/profile-*.rq), as a reader reads them."""


relation_label = RELATIONS


SEVERITIES = Words({"error": N_("error"), "violation": N_("violation"), "warning": N_("warning")})


severity_label = SEVERITIES


MATCHES = Words(
    {
        "exact": N_("exact match"),
        "close": N_("close match"),
        "broad": N_("broader match"),
        "related": N_("related"),
    }
)
"""How closely an outcome area matches a pillar (the SKOS mapping property), in words."""


match_label = MATCHES
