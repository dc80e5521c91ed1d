"""The query set: the competency questions of docs/queries/ (named ``competency/<name>``)
plus what researchers run, one file each in benchmarks/queries/ (lookups, GROUP BY over
plans and over every submission, joins with OPTIONAL, CONTAINS, REGEX, property paths,
top-k, CONSTRUCT, ASK, DESCRIBE). The runner prepends the project's prologue
(nap_graph.namespaces.sparql_prologue); a query's own PREFIX lines may repeat it."""

from __future__ import annotations

from pathlib import Path

from nap_graph.resources import example_queries_dir

QUERY_DIR = Path(__file__).parent / "queries"
QUERIES: dict[str, str] = {
    **{
        f"competency/{path.stem}": path.read_text(encoding="utf-8")
        for path in sorted(example_queries_dir().glob("*.rq"))
    },
    **{path.stem: path.read_text(encoding="utf-8") for path in sorted(QUERY_DIR.glob("*.rq"))},
}
