"""A non-editable install finds the ontology, the shapes and the data without the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROBE = """
import nap_graph, sys
from nap_graph.resources import resource_root
store = nap_graph.load_default_store()
rows = nap_graph.select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?o a wps:SubOutcome }")
report = nap_graph.validate_integrity(nap_graph.load_data_graph())
print(nap_graph.__file__)
print(resource_root())
print(rows[0]["n"], len(store), report.conforms)
"""


def _build_wheel(out: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    return next(out.glob("nap_graph-*.whl"))


def _probe(python: Path, cwd: Path) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    proc = subprocess.run(
        [str(python), "-c", PROBE],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


def _check(lines: list[str], env_dir: Path) -> None:
    module, root, summary = lines
    assert module.startswith(str(env_dir)), module
    assert root.startswith(str(env_dir)) and root.endswith("_resources"), root
    count, triples, conforms = summary.split()
    assert count == "16" and int(triples) > 1000 and conforms == "True"


def test_wheel_carries_ontology_shapes_and_data(tmp_path: Path) -> None:
    """Install the wheel (without dependencies) into a fresh venv that borrows this
    environment's dependencies, run from outside the checkout."""
    wheel = _build_wheel(tmp_path / "dist")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
        check=True,
        timeout=300,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # After the venv's own site-packages: the dependencies already installed here.
    Path(site, "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _check(_probe(python, tmp_path), env_dir)


@pytest.mark.slow
def test_pip_install_dot_into_a_fresh_venv(tmp_path: Path) -> None:
    """The real thing: `pip install .` with dependencies from PyPI (CI only: it downloads)."""
    if not os.environ.get("CI"):
        pytest.skip("downloads all dependencies; runs in CI (CI=true)")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(ROOT)], check=True, timeout=900)
    _check(_probe(python, tmp_path), env_dir)
