"""Apache Jena's command-line tools (riot, shacl) as Debian packages them
(libapache-jena-java, which .ci/run installs), for tests that check nap-graph's output with
tools nobody here wrote.

Debian's Jena 4.5 does not start as packaged: its relocated xerces (package ``xerces``)
looks for its message resources as ``xerces/impl/msg/...`` while the jar holds them as
``org/apache/jena/ext/xerces/...``; :func:`classpath` copies them to where they are looked
for. Its JSON-LD 1.1 reader (Titanium) finds no JSON-P implementation in Debian, so JSON-LD
is read with Jena's JSON-LD 1.0 reader (``--syntax=JSONLD10``, jsonld-java), which reads the
same documents. Outside CI a missing Jena skips the test; in CI it fails."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

JAVA = Path("/usr/share/java")
JARS = [
    "jena-arq",
    "jena-base",
    "jena-cmds",
    "jena-core",
    "jena-dboe-base",
    "jena-dboe-index",
    "jena-dboe-storage",
    "jena-dboe-trans-data",
    "jena-dboe-transaction",
    "jena-iri",
    "jena-shacl",
    "jena-tdb",
    "commons-cli",
    "commons-codec",
    "commons-compress",
    "commons-csv",
    "commons-io",
    "commons-lang3",
    "gson",
    "guava",
    "httpclient",
    "httpclient-cache",
    "httpcore",
    "jackson-core",
    "jackson-databind",
    "jsonld-java",
    "titanium-json-ld",
    "slf4j-api",
    "slf4j-simple",
    "thrift",
    "caffeine",
]
RELOCATED = "org/apache/jena/ext/xerces/"


def unavailable(message: str) -> None:
    """A tool a test needs is missing: in CI (which installs it) a failure, else a skip."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _require() -> None:
    missing = [] if shutil.which("java") else ["java"]
    missing += [j for j in JARS if not (JAVA / f"{j}.jar").exists()]
    if missing:
        unavailable(
            f"Apache Jena is not installed (missing {', '.join(missing[:5])}); "
            ".ci/run installs libapache-jena-java"
        )


def classpath(folder: Path) -> str:
    """Jena's jars, its dependencies, a JSON API jar, and ``folder`` holding the xerces
    resources where the relocated classes look for them."""
    _require()
    with zipfile.ZipFile(JAVA / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith(RELOCATED) and name.endswith(".properties"):
                target = folder / "xerces" / name.removeprefix(RELOCATED)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    json_api = sorted(JAVA.glob("jakarta.json-api*.jar"))
    return ":".join([str(folder), *(str(JAVA / f"{j}.jar") for j in JARS), *map(str, json_api)])


def riot(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``riot`` with ``args`` (e.g. ``--validate file``)."""
    return subprocess.run(
        ["java", "-cp", classpath(folder), "riotcmd.riot", *args],
        capture_output=True,
        text=True,
        timeout=600,
    )


def javac(source: Path, cp: str, folder: Path) -> None:
    """Compile one Java program (a test's helper) into ``folder`` against ``cp``."""
    compiled = subprocess.run(
        ["javac", "-cp", cp, "-d", str(folder), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert compiled.returncode == 0, compiled.stderr
