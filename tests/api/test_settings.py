"""Settings reach the app through create_app(settings): CORS allowlist, body limit, tokens
file errors; the app is built without touching the environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from nap_graph_api import ApiSettings, create_app

QUERY = "ASK { ?s ?p ?o }"


def test_cors_allows_only_listed_origins() -> None:
    app = create_app(ApiSettings(memory=True, cors_origins=["https://researcher.example"]))
    with TestClient(app) as client:
        allowed = client.get(
            "/sparql", params={"query": QUERY}, headers={"Origin": "https://researcher.example"}
        )
        assert allowed.headers["access-control-allow-origin"] == "https://researcher.example"
        other = client.get(
            "/sparql", params={"query": QUERY}, headers={"Origin": "https://elsewhere.example"}
        )
        assert "access-control-allow-origin" not in other.headers
        preflight = client.options(
            "/sparql",
            headers={
                "Origin": "https://researcher.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        assert (
            preflight.status_code == 200
            and "POST" in preflight.headers["access-control-allow-methods"]
        )


def test_cors_is_open_for_reads_by_default_and_never_for_tokens() -> None:
    with TestClient(create_app(ApiSettings(memory=True))) as client:
        response = client.get(
            "/sparql", params={"query": QUERY}, headers={"Origin": "https://researcher.example"}
        )
        assert response.headers["access-control-allow-origin"] == "*"
        assert "access-control-allow-credentials" not in response.headers
        context = client.get("/context.jsonld", headers={"Origin": "https://x.example"})
        assert context.headers["access-control-allow-origin"] == "*"
        preflight = client.options(
            "/sparql",
            headers={
                "Origin": "https://x.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization",
            },
        )
        assert preflight.status_code == 400  # a token may not be sent from another site


def test_body_limit_from_settings() -> None:
    with TestClient(
        create_app(ApiSettings(memory=True, max_body_bytes=100, admin_token="t"))
    ) as client:
        response = client.post(
            "/sparql",
            content="ASK {}" + " " * 200,
            headers={"Content-Type": "application/sparql-query"},
        )
        assert response.status_code == 413


def test_a_broken_tokens_file_is_a_clear_error(tmp_path: Path) -> None:
    tokens = tmp_path / "tokens.toml"
    tokens.write_text('[[tokens]]\nname = "x"\nrole = "signatory"\nsha256 = "ab"\n')
    with pytest.raises(ValueError, match="a signatory token needs an organisation"):
        create_app(ApiSettings(memory=True, tokens_file=tokens))
    tokens.write_text('[[tokens]]\nname = "x"\nrole = "boss"\nsha256 = "ab"\n')
    with pytest.raises(ValueError, match=r"needs sha256 and role admin\|signatory"):
        create_app(ApiSettings(memory=True, tokens_file=tokens))


def test_result_cap_is_413_never_a_cut_off_answer() -> None:
    with TestClient(create_app(ApiSettings(memory=True, max_result_bytes=2_000))) as client:
        big = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert big.status_code == 413 and "add LIMIT" in big.json()["detail"]
        small = client.get("/sparql", params={"query": "SELECT * WHERE { ?s a ?o } LIMIT 2"})
        assert small.status_code == 200 and len(small.json()["results"]["bindings"]) == 2
