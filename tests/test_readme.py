"""The README's validate example prints what the README says."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nap_graph.cli import app

ROOT = Path(__file__).resolve().parents[1]


def test_readme_validate_example_is_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ nap-graph validate broken.txt\n", 1)[1].split("```", 1)[0].strip()
    sed = re.search(r"\$ sed '([^']+)' \\\n\s+(\S+) > broken.txt", readme)
    assert sed is not None
    broken = subprocess.run(
        ["sed", sed[1], str(ROOT / sed[2])], capture_output=True, check=True
    ).stdout
    (tmp_path / "broken.txt").write_bytes(broken)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "broken.txt"])
    assert result.exit_code == 1
    assert result.output.strip() == block


def test_readme_command_line_examples_run(tmp_path: Path) -> None:
    """Every `nap-graph` command of the README's command-line block runs, in order, against
    one fresh store, and exits 0 (the README promises nothing the CLI does not do). The
    commands run as written, with the store chosen by NAP_GRAPH_STORE."""
    import os
    import shlex
    import sys

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [
        line.split("   #", 1)[0].split("  # ", 1)[0].strip()
        for line in readme.splitlines()
        if line.startswith(".venv/bin/nap-graph ")
    ]
    assert len(lines) >= 10, lines
    exe = str(Path(sys.executable).with_name("nap-graph"))
    env = dict(os.environ, NAP_GRAPH_STORE=str(tmp_path / "store"))
    outputs = {}
    for line in lines:
        argv = [exe, *shlex.split(line)[1:]]
        argv = [str(tmp_path / a) if a == "dump.trig" else a for a in argv]
        done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"{line}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        outputs[shlex.split(line)[1]] = done.stdout
    assert "conforms: 0 violation(s), 0 warning(s)" in outputs["check"]
    assert (tmp_path / "dump.trig").stat().st_size > 100_000
