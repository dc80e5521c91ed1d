"""The query set, one file each in benchmarks/queries/: the competency questions' kinds
plus what researchers run (lookups, GROUP BY, joins with OPTIONAL, CONTAINS, REGEX,
property paths, top-k, CONSTRUCT, ASK, DESCRIBE). Written without PREFIX lines: the runner
prepends the project's prologue (nap_graph.namespaces.sparql_prologue)."""

from __future__ import annotations

from pathlib import Path

QUERY_DIR = Path(__file__).parent / "queries"
QUERIES: dict[str, str] = {
    path.stem: path.read_text(encoding="utf-8") for path in sorted(QUERY_DIR.glob("*.rq"))
}
