"""What the pages say across a record's life: after a replacement every curated activity
keeps its page, the replaced version's page says it was replaced, the review list names
what no longer fits, and an activity a coordinator dropped answers 410 with where to look."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from nap_graph_api.app import create_app
from nap_graph_api.settings import ApiSettings
from tests.records.helpers import ACTIVITY, ON_3_4, V1, without_3_4

ADMIN = "admin-token-for-record-pages"
TOKEN = {"Authorization": f"Bearer {ADMIN}"}
HTML = {"Accept": "text/html"}


def test_pages_across_a_replacement_a_review_and_a_drop(tmp_path: Path) -> None:
    settings = ApiSettings(store=tmp_path / "store", query_workers=0, admin_token=ADMIN)
    with TestClient(create_app(settings)) as client:
        stored = client.post(
            "/submissions",
            content=without_3_4(),
            headers={"Content-Type": "text/plain", **TOKEN},
        )
        assert stored.status_code == 201, stored.text
        for activity in [f"{ACTIVITY}police-gender-training", *ON_3_4]:
            path = activity.removeprefix("https://w3id.org/nap-graph/id/")
            assert client.get(f"/doc/{path}", headers=HTML).status_code == 200, activity
        found = client.get("/search", params={"q": "gendertraining", "format": "json"}).json()
        assert any(h["iri"].endswith("/police-gender-training") for h in found["results"])
        watched = client.get("/monitoring", params={"format": "json"}).text
        assert "police-gender-training" in watched and "police-mission-mandate" in watched
        covered = client.get("/coverage", params={"format": "json"}).json()["contributions"]
        by_outcome = {c["outcome"]: int(c["activities"]) for c in covered}
        assert by_outcome["3.2"] == 2 and by_outcome["1"] == 2  # the curated ones, carried over
        old = client.get(f"/doc/{V1.removeprefix('https://w3id.org/nap-graph/id/')}", headers=HTML)
        assert old.status_code == 200 and "has been replaced" in old.text
        listed = client.get("/review", params={"format": "json"}).json()["items"]
        assert {i["activity"] for i in listed} == ON_3_4
        dutch = client.get("/review", params={"format": "json", "lang": "nl"}).json()["items"]
        assert "Multistakeholderdialogen over asielbeleid" in {i["name"] for i in dutch}
        dropped = sorted(ON_3_4)[0]
        decided = client.post(
            "/review", data={"activity": dropped, "decision": "drop"}, headers=TOKEN
        )
        assert decided.status_code == 200, decided.text
        gone = client.get(f"/doc/{dropped.removeprefix('https://w3id.org/nap-graph/id/')}")
        assert gone.status_code == 410 and "/doc/organisation/jenv" in gone.json()["detail"]
        browse = client.get("/browse/activities", params={"format": "json"}).text
        assert "police-gender-training" in browse and dropped not in browse


def test_revert_through_the_api_with_the_role_rules(tmp_path: Path) -> None:
    from nap_graph.tokens import token_hash

    tokens = tmp_path / "tokens.toml"
    tokens.write_text(
        f'[[tokens]]\nname = "tnn"\nsha256 = "{token_hash("tnn-token")}"\n'
        'role = "signatory"\norganisation = "tnn"\n'
    )
    settings = ApiSettings(
        store=tmp_path / "store", query_workers=0, admin_token=ADMIN, tokens_file=tokens
    )
    path = "/submissions/nld-nap-4/jenv/9499130b86aac370/revert"
    with TestClient(create_app(settings)) as client:
        client.post(
            "/submissions", content=without_3_4(), headers={"Content-Type": "text/plain", **TOKEN}
        )
        refused = client.post(path, headers={"Authorization": "Bearer tnn-token"})
        assert refused.status_code == 403 and "Transgender Netwerk Nederland" in refused.text
        reverted = client.post(path, headers=TOKEN)
        assert reverted.status_code == 200 and reverted.json()["status"] == "reverted"
        again = client.post(path, headers=TOKEN)
        assert again.status_code == 409 and "current version already" in again.text
        assert client.get("/review", params={"format": "json"}).json()["items"] == []
