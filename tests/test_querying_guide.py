"""docs/querying.md is true: every SPARQL query on the page gives the table shown under it on
the shipped data, its Python example runs, and its command lines work."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from nap_graph.cli import app
from nap_graph.default_data import load_default_store

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "querying.md"
TEXT = GUIDE.read_text(encoding="utf-8")
EXAMPLE = re.compile(
    r"^( *)```sparql\n(.*?)^\1```\n\n((?:\1\|[^\n]*\n)+)", re.DOTALL | re.MULTILINE
)


def _examples() -> list[tuple[str, list[str], list[list[str]]]]:
    found = []
    for match in EXAMPLE.finditer(TEXT):
        indent, query, table = match.groups()
        lines = [line.removeprefix(indent).strip() for line in table.splitlines()]
        cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines]
        found.append((query, cells[0], cells[2:]))
    return found


EXAMPLES = _examples()


def _cell(value: str) -> object:
    """A cell as compared: a list ("a, b") as a set, since GROUP_CONCAT has no order."""
    return frozenset(value.split(", ")) if ", " in value else value


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return load_default_store()


def test_the_guide_has_its_examples() -> None:
    assert len(EXAMPLES) >= 9
    assert TEXT.count("```sparql") == len(EXAMPLES), "a SPARQL block without its answer table"


@pytest.mark.parametrize(
    ("query", "header", "rows"), EXAMPLES, ids=[h[0] + "..." for _, h, _ in EXAMPLES]
)
def test_each_query_gives_the_table_shown(
    store: ox.Store, query: str, header: list[str], rows: list[list[str]]
) -> None:
    solutions = store.query(query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    assert [v.value for v in solutions.variables] == header
    got = [[_cell("" if t is None else t.value) for t in solution] for solution in solutions]
    assert got == [[_cell(c) for c in row] for row in rows]


def test_the_python_example_runs() -> None:
    (block,) = re.findall(r"```python\n(.*?)```", TEXT, re.DOTALL)
    exec(compile(block, str(GUIDE), "exec"), {})  # the block asserts its own answer


def test_the_command_lines_run(tmp_path: Path) -> None:
    block = re.search(r"```sh\n(.*?)```", TEXT, re.DOTALL)
    assert block
    commands = [line for line in block.group(1).splitlines() if "nap-graph query" in line]
    assert len(commands) == 2
    for line in commands:
        stdin = None
        if line.startswith("echo "):
            echoed, line = line.split(" | ", 1)
            stdin = shlex.split(echoed)[1] + "\n"
        args = shlex.split(line)[1:]
        result = CliRunner().invoke(app, args, input=stdin)
        assert result.exit_code == 0, result.output
        assert result.output.count("\n") >= 2, result.output
    curl = next(line for line in block.group(1).splitlines() if line.startswith("curl"))
    query_file = re.search(r"query@(\S+)", curl)
    assert query_file and (GUIDE.parents[1] / query_file.group(1)).is_file()
