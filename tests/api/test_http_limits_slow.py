"""Slow clients are timed out (issue 24): half a request head, then nothing, used to be held
for ever (2,000 of 2,000 after 40 s), and enough of them used up the open files. Now a head
must arrive within 10 s of its first byte and a body within 30 s of its head."""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.api.conftest import running_server


def _held(url: str, sent: bytes) -> bytes:
    """What the server answers a client that sends ``sent`` and then nothing, until it
    closes the connection (the wait is bounded: 60 s more than the server's limit)."""
    parsed = urlparse(url)
    with socket.create_connection((parsed.hostname, parsed.port), timeout=120) as client:
        client.sendall(sent)
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
        return answer


@pytest.mark.slow
def test_half_a_head_and_half_a_body_are_cut_off(tmp_path: Path) -> None:
    with running_server(tmp_path) as server:
        head = _held(server.url, b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        assert head.startswith(b"HTTP/1.1 408") and b"did not arrive" in head
        body = _held(
            server.url,
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 1000\r\n\r\nSELECT",
        )
        assert body.startswith(b"HTTP/1.1 408"), body[:200]
        with server.client() as client:
            assert client.get("/health").status_code == 200
