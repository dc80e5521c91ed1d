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
