"""Apache Jena's riot (tests/jena.py) reads every dump and every document format the server
gives, without an error or a warning: the data parses in a tool nobody here wrote."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from tests.api.conftest import Server
from tests.jena import riot

DUMPS = {
    "nap-graph.nq.gz": "nq",
    "nap-graph.trig.gz": "trig",
    "nap-graph.ttl.gz": "ttl",
    "nap-graph.jsonld.gz": "jsonld",
}
DOCUMENTS = {"text/turtle": "ttl", "application/n-triples": "nt", "application/rdf+xml": "rdf"}
RESOURCES = ("plan/nld-nap-4", "organisation/jenv", "outcome/nld-nap-4/3", "plan/alb-nap-2")


def test_riot_reads_every_dump(server: Server, tmp_path: Path) -> None:
    files = []
    with server.client() as client:
        for name, suffix in DUMPS.items():
            path = tmp_path / f"dump.{suffix}"
            path.write_bytes(gzip.decompress(client.get(f"/dumps/{name}").content))
            files.append(str(path))
    rdf = [f for f in files if not f.endswith(".jsonld")]
    json_ld = [f for f in files if f.endswith(".jsonld")]
    for args in (rdf, ["--syntax=JSONLD10", *json_ld]):  # tests/jena.py says why 1.0
        checked = riot(tmp_path / "jena", "--validate", *args)
        assert checked.returncode == 0, checked.stderr[-3000:]
        assert "WARN" not in checked.stderr and "ERROR" not in checked.stderr, checked.stderr[
            -3000:
        ]


@pytest.mark.parametrize("resource", RESOURCES)
def test_riot_reads_every_document_format(server: Server, tmp_path: Path, resource: str) -> None:
    files = []
    with server.client() as client:
        for media_type, suffix in DOCUMENTS.items():
            answer = client.get(f"/doc/{resource}", headers={"Accept": media_type})
            assert answer.status_code == 200 and answer.headers["content-type"].startswith(
                media_type
            )
            path = tmp_path / f"{resource.replace('/', '-')}.{suffix}"
            path.write_bytes(answer.content)
            files.append(str(path))
        void = tmp_path / "void.ttl"
        void.write_bytes(client.get("/.well-known/void", headers={"Accept": "text/turtle"}).content)
        files.append(str(void))
    checked = riot(tmp_path / "jena", "--validate", *files)
    assert checked.returncode == 0, checked.stderr[-3000:]
    assert "WARN" not in checked.stderr and "ERROR" not in checked.stderr, checked.stderr[-3000:]
