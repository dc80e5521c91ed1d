"""How much of the Ministry's curated graph the draft of its record recovers.

    python -m benchmarks.draft_recovery

Drafts a curation document from the seed record (``nap-graph draft``) and compares it, paragraph
by paragraph, with the Ministry's curation document (``data/curated/nld-nap-4/
jenv.curation.json``, the hand-made graph): activities (a curated activity counts as found
when the paragraph it is reported in has a drafted candidate; one-to-one counts at most one
curated activity per candidate), partners and audiences, partner countries, targets and
observed values (found when a candidate of the same paragraph has the same value and unit,
and for observed values the same year), durations and frequencies. Prints the figures that go
into docs/benchmarks.md.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal

from nap_graph.reference import folded, reference_index
from nap_graph.resources import data_dir
from nap_graph.submissions.drafting import draft_document
from nap_graph.submissions.reading import read_file

SEED = data_dir() / "submissions" / "nld-nap-4" / "jenv" / "000_9b141defdd96629b.txt"
CURATED = data_dir() / "curated" / "nld-nap-4" / "jenv.curation.json"


def _paragraphs(activity: dict[str, object], contributions: set[str]) -> list[str]:
    named = (
        activity.get("reported_in")
        or [
            c
            for c in activity.get("outcomes", [])
            if c in contributions  # type: ignore[union-attr]
        ]
        or ["record"]
    )
    return list(named)  # type: ignore[arg-type]


def _org(name: str) -> str:
    index = reference_index()
    return index.organisations.get(folded(name), folded(name))


def _quantities(activity: dict[str, object], key: str) -> set[tuple[Decimal, str, object]]:
    units = {"%": "percent", "percent": "percent", "number": "number"}
    out = set()
    for item in activity.get(key, []):  # type: ignore[union-attr]
        year = item.get("year") if key == "observed_values" else None
        out.add(
            (Decimal(str(item["value"])).normalize(), units.get(item["unit"], item["unit"]), year)
        )
    return out


def compare(
    curated: dict[str, object], draft: dict[str, object], contributions: set[str]
) -> dict[str, tuple[int, int]]:
    by_paragraph: dict[str, list[dict[str, object]]] = {}
    for activity in draft["activities"]:  # type: ignore[union-attr]
        for paragraph in _paragraphs(activity, contributions):
            by_paragraph.setdefault(paragraph, []).append(activity)
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    per_paragraph: Counter[str] = Counter()
    for activity in curated["activities"]:  # type: ignore[union-attr]
        paragraphs = _paragraphs(activity, contributions)
        candidates = [c for p in paragraphs for c in by_paragraph.get(p, [])]
        total["activities"] += 1
        found["activities"] += bool(candidates)
        for p in paragraphs[:1]:
            per_paragraph[p] += 1
        drafted_orgs = {
            _org(n)
            for c in candidates
            for n in [*c.get("partners", []), *c.get("audience", []), *c.get("carried_out_by", [])]
        }
        for name in [*activity.get("partners", []), *activity.get("audience", [])]:
            total["partners"] += 1
            found["partners"] += _org(name) in drafted_orgs
        drafted_countries = {c for d in candidates for c in d.get("partner_countries", [])}
        iso = {v: k.rsplit("/", 1)[-1] for k, v in reference_index().country_names.items()}
        for country in activity.get("partner_countries", []):
            total["partner countries"] += 1
            found["partner countries"] += iso.get(country, country) in drafted_countries
        for key in ("targets", "observed_values"):
            drafted = {q for c in candidates for q in _quantities(c, key)}
            for quantity in _quantities(activity, key):
                total[key.replace("_", " ")] += 1
                found[key.replace("_", " ")] += quantity in drafted
        for key in ("duration", "frequency"):
            if activity.get(key):
                total[key] += 1
                found[key] += any(c.get(key) == activity[key] for c in candidates)
    curated_by_paragraph: dict[str, list[dict[str, object]]] = {}
    for activity in curated["activities"]:  # type: ignore[union-attr]
        for paragraph in _paragraphs(activity, contributions):
            curated_by_paragraph.setdefault(paragraph, []).append(activity)
    for paragraph, drafted_here in by_paragraph.items():
        for key in ("targets", "observed_values"):
            wanted = {
                q for a in curated_by_paragraph.get(paragraph, []) for q in _quantities(a, key)
            }
            for activity in drafted_here:
                for quantity in _quantities(activity, key):
                    name = f"drafted {key.replace('_', ' ')} that are curated ones"
                    total[name] += 1
                    found[name] += quantity in wanted
    one_to_one = sum(min(n, len(by_paragraph.get(p, []))) for p, n in per_paragraph.items())
    result = {k: (found[k], total[k]) for k in total}
    result["activities, one candidate each"] = (one_to_one, total["activities"])
    return result


def main() -> None:
    (parsed,) = read_file(SEED)
    draft = draft_document(parsed, curated_by="benchmark")
    curated = json.loads(CURATED.read_text(encoding="utf-8"))
    contributions = {c.outcome for c in parsed.record.contributions}
    print(f"draft of {SEED.name}: {len(draft['activities'])} candidate activities")  # type: ignore[arg-type]
    print(f"{'recovered':46} {'found':>6} {'of':>4} {'share':>7}")
    for what, (hit, of) in compare(curated, draft, contributions).items():
        print(f"{what:46} {hit:6d} {of:4d} {hit / of:7.0%}")


if __name__ == "__main__":
    main()
