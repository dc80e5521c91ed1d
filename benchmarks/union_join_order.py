"""A minimal reproduction for Oxigraph (docs/benchmarks.md, "Engine-bound queries"): the
same rows, four formulations, up to 200x apart, depending on where a bound value and a type
pattern sit around a UNION.

    python -m benchmarks.union_join_order [--activities 200000]

Found on the organisation page (issue 28): its activities query joined ``?a a wps:Activity``
after a UNION of the ways an activity belongs to an organisation, and bound the organisation
with a VALUES row; Oxigraph read every activity first.
"""

from __future__ import annotations

import argparse
import time

import pyoxigraph as ox

E = "http://example.org/"
ORG = f"<{E}org/7>"
TYPE = f"<{E}type> <{E}Activity>"
FORMS = {
    "VALUES, type after the UNION": (
        f"SELECT ?a WHERE {{ VALUES ?org {{ {ORG} }} "
        f"{{ ?a <{E}by> ?org }} UNION {{ ?a <{E}by> ?org }} ?a {TYPE} }}"
    ),
    "constant, type after the UNION": (
        f"SELECT ?a WHERE {{ {{ ?a <{E}by> {ORG} }} UNION {{ ?a <{E}by> {ORG} }} ?a {TYPE} }}"
    ),
    "VALUES, type in each branch": (
        f"SELECT ?a WHERE {{ VALUES ?org {{ {ORG} }} "
        f"{{ ?a <{E}by> ?org ; {TYPE} }} UNION {{ ?a <{E}by> ?org ; {TYPE} }} }}"
    ),
    "constant, type in each branch": (
        f"SELECT ?a WHERE {{ {{ ?a <{E}by> {ORG} ; {TYPE} }} UNION {{ ?a <{E}by> {ORG} ; {TYPE} }} }}"
    ),
}


def store_of(activities: int) -> ox.Store:
    """``activities`` things typed ``Activity``, each ``by`` one of 1,000 organisations."""
    store = ox.Store()
    kind, by, activity = (
        ox.NamedNode(E + "type"),
        ox.NamedNode(E + "by"),
        ox.NamedNode(E + "Activity"),
    )
    quads = []
    for i in range(activities):
        a = ox.NamedNode(f"{E}activity/{i}")
        quads += [ox.Quad(a, kind, activity), ox.Quad(a, by, ox.NamedNode(f"{E}org/{i % 1000}"))]
    store.extend(quads)
    return store


def run(activities: int) -> dict[str, tuple[float, int]]:
    """Per formulation: the ms of one run (after a first) and the number of rows."""
    store = store_of(activities)
    out = {}
    for name, query in FORMS.items():
        list(store.query(query))
        started = time.perf_counter()
        rows = len(list(store.query(query)))
        out[name] = ((time.perf_counter() - started) * 1000, rows)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=200_000)
    args = parser.parse_args()
    print(f"pyoxigraph, {args.activities:,} activities of 1,000 organisations")
    for name, (ms, rows) in run(args.activities).items():
        print(f"{name:32s} {ms:8.1f} ms  {rows} rows")


if __name__ == "__main__":
    main()
