"""/docs and /redoc open offline: their pages load only what the server itself serves."""

from __future__ import annotations

import re

import pytest

from tests.api.conftest import Server


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_api_docs_load_nothing_from_elsewhere(server: Server, path: str) -> None:
    with server.client() as client:
        page = client.get(path)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        loaded = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']+)', page.text)
        assert loaded, page.text
        assert all(url.startswith("/") for url in loaded), loaded
        assert "fonts.googleapis" not in page.text and "cdn.jsdelivr" not in page.text
        for url in loaded:
            assert client.get(url).status_code == 200, url
        assert client.get("/openapi.json").status_code == 200
        assert client.head(path).status_code == 200
