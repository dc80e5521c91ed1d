"""Schemathesis over the service's OpenAPI description, against the real server: requests
generated for every route and parameter (derandomised, a bounded number each) never get a
5xx. Schemathesis's strategies are driven by Hypothesis directly (its pytest plugin does not
load under this pytest)."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.api.conftest import ADMIN, Server

EXAMPLES_PER_ROUTE = 30


def test_no_server_error_for_any_generated_request(server: Server) -> None:
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @settings(
            max_examples=EXAMPLES_PER_ROUTE,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case: schemathesis.Case) -> None:
            for headers in ({}, {"Authorization": f"Bearer {ADMIN}"}):
                response = case.call(base_url=server.url, headers=headers, timeout=60)
                if response.status_code >= 500:
                    failures.append(
                        f"{case.method} {case.formatted_path} query={case.query} "
                        f"-> {response.status_code}: {response.text[:200]}"
                    )

        run()
    assert operations > 15
    assert not failures, "\n".join(sorted(set(failures))[:20])
