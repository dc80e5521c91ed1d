"""Real SPARQL servers for the tests, started and stopped on 127.0.0.1: the Oxigraph server
(`oxigraph serve`, from the `oxigraph` package on PyPI) and OpenLink Virtuoso 7 (Debian's
`virtuoso-opensource-7`, which `.ci/run` installs). Outside CI a missing binary skips the
tests that need it, loudly; in CI (CI=true) it fails them."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def missing(what: str) -> None:
    message = f"{what} is not installed: these tests need it (.ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def wait_for(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"the server exited with {process.returncode}: {log.read_text()[-2000:]}"
            )
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(
        f"the server at {url} did not come up in {seconds} s: {log.read_text()[-2000:]}"
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[dict[str, str]]:
    """An Oxigraph server over a fresh store; yields its endpoints."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).exists():
        missing("the Oxigraph server (pip install oxigraph)")
    port = free_port()
    log = folder / "oxigraph.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                binary,
                "serve",
                "--location",
                str(folder / "data"),
                "--bind",
                f"127.0.0.1:{port}",
                "--union-default-graph",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/query?query=ASK%7B%7D", process, log)
        yield {"query": f"{base}/query", "update": f"{base}/update", "store": f"{base}/store"}
    finally:
        stop(process)


@contextmanager
def virtuoso_server(folder: Path, *, service: bool = False) -> Iterator[dict[str, str]]:
    """A Virtuoso 7 server over a fresh database, with SPARQL updates granted; with
    ``service`` also allowed to call SERVICE endpoints (its Graph Store writes are then
    refused, so the two are kept apart)."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if binary is None or isql is None or not VIRTUOSO_INI.exists():
        missing("OpenLink Virtuoso 7 (apt-get install virtuoso-opensource-7)")
    sql_port, http_port = free_port(), free_port()
    ini = VIRTUOSO_INI.read_text()
    ini = ini.replace("/var/lib/virtuoso-opensource-7/db/", f"{folder}/")
    ini = ini.replace("ServerPort               = 1111", f"ServerPort               = {sql_port}")
    ini = ini.replace(
        "ServerPort                  = 8890", f"ServerPort                  = {http_port}"
    )
    (folder / "virtuoso.ini").write_text(ini)
    log = folder / "virtuoso.out"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "-f", "-c", "virtuoso.ini"], cwd=folder, stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_for(f"{base}/sparql?query=ASK%7B%7D", process, log, seconds=120)
        grants = 'grant SPARQL_UPDATE to "SPARQL";'
        if service:
            grants += ' grant SPARQL_LOAD_SERVICE_DATA to "SPARQL"; grant execute on DB.DBA.SPARQL_SINV_IMP to "SPARQL";'
        subprocess.run(
            [isql, str(sql_port), "dba", "dba", "exec=" + grants],
            check=True,
            capture_output=True,
            timeout=60,
        )
        yield {
            "query": f"{base}/sparql",
            "update": f"{base}/sparql",
            "store": f"{base}/sparql-graph-crud",
        }
    finally:
        stop(process)
