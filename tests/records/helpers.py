"""Versions of the Ministry's record for the record-life tests."""

from __future__ import annotations

from tests.submissions.helpers import SEED

V1 = "https://w3id.org/nap-graph/id/submission/nld-nap-4/jenv/9499130b86aac370"
JENV = "https://w3id.org/nap-graph/id/organisation/jenv"
ACTIVITY = "https://w3id.org/nap-graph/id/activity/jenv/"
ON_3_4 = {
    f"{ACTIVITY}asylum-gender-sensitivity-dialogue",
    f"{ACTIVITY}asylum-multi-stakeholder-dialogues",
    f"{ACTIVITY}external-expertise",
}
"""The curated activities that contribute to sub-outcome 3.4 only."""


def without_3_4() -> bytes:
    """The Ministry's record with sub-outcome 3.4 (its tick and its paragraph) removed."""
    lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [
        line for line in lines if not line.startswith(("3.4 Gender sensitive", "Sub-outcome 3.4:"))
    ]
    assert len(kept) == len(lines) - 2
    return "".join(kept).encode("utf-8")
