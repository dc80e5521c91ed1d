"""Examples for every operation of the OpenAPI description (``/openapi.json``, shown by
``/docs`` and ``/redoc``), kept in one place and merged into the generated description:
for each (method, path), example answers by status and media type, and an example request
body. tests/api/test_api_docs.py fails when an operation has none."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

PLAN = "https://w3id.org/nap-graph/id/plan/nld-nap-4"
JENV = "https://w3id.org/nap-graph/id/organisation/jenv"
VERSION = "https://w3id.org/nap-graph/id/submission/nld-nap-4/jenv/9499130b86aac370"
GRAPH = "https://w3id.org/nap-graph/graph/curated/nld-nap-4/jenv"
TURTLE = (
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    f'<{JENV}> skos:prefLabel "Ministry of Justice and Security"@en .\n'
)
SELECT = "SELECT ?plan ?name WHERE { ?plan a wps:NationalActionPlan ; skos:prefLabel ?name }"
RESULTS = {
    "head": {"vars": ["plan", "name"]},
    "results": {
        "bindings": [
            {
                "plan": {"type": "uri", "value": PLAN},
                "name": {
                    "type": "literal",
                    "value": "Dutch National Action Plan 1325-IV",
                    "xml:lang": "en",
                },
            }
        ]
    },
}
BAD_RDF = {
    "type": "about:blank",
    "title": "Bad request",
    "status": 400,
    "detail": "the body is not valid text/turtle: line 2, column 7: expected '.'",
}
PROBLEM = {
    "type": "about:blank",
    "title": "Not found",
    "status": 404,
    "detail": f"nothing is known about <{JENV}x>",
}
COSTA_RICA_PLAN = {
    "country": "CRI",
    "title": "Plan de Acción Nacional de la Resolución 1325 de Costa Rica",
    "language": "es",
    "start": "2024",
    "end": "2028",
    "number": 1,
    "areas": [
        {
            "code": "1",
            "title": "Prevención",
            "mappings": [{"pillar": "prevention", "kind": "exact"}],
        },
        {
            "code": "2",
            "title": "Participación",
            "mappings": [{"pillar": "participation", "kind": "exact"}],
        },
        {
            "code": "3",
            "title": "Protección y recuperación",
            "mappings": [
                {"pillar": "protection", "kind": "close"},
                {"pillar": "relief-and-recovery", "kind": "related"},
            ],
        },
    ],
    "sources": ["https://example.org/costa-rica-pan-1325"],
}
"""A plan in its own language for a country the world table lacks (tests import it too)."""
RECORD = (
    "Ministry of Justice and Security\n\nDatabase\n\nName of organization/institution\n\n"
    "Ministry of Justice and Security\n\nOrganization details\n\nGovernment\n\n"
    "Strategic outcome\n\n3. Protection - Women and girls, ...\n"
)
PROBLEMS = [
    {
        "file": "record.txt",
        "severity": "violation",
        "field": "Sub-outcome 3",
        "line": 30,
        "pointer": None,
        "row": None,
        "column": None,
        "found": "9.9",
        "message": "sub-outcome 9.9 is listed under 'Sub-outcome 3'; expected codes 3.1, 3.2, ...",
        "shape": None,
        "focus": None,
        "name": None,
    }
]
RECORD_SUMMARY = {
    "organisation": "Ministry of Justice and Security",
    "organisation_iri": JENV,
    "strategic_outcomes": ["1", "2", "3", "5"],
    "sub_outcomes": ["3.2", "3.4", "5.1"],
    "countries": ["http://publications.europa.eu/resource/authority/country/NLD"],
    "geographic_focus": ["international", "national"],
    "activities": 0,
}

REJECTED = {"file": "record.txt", "valid": False, "record": RECORD_SUMMARY, "problems": PROBLEMS}

RESPONSES: dict[tuple[str, str], dict[str, dict[str, Any]]] = {
    ("get", "/sparql"): {
        "200": {"application/sparql-results+json": RESULTS, "text/html": "<!doctype html>..."}
    },
    ("post", "/sparql"): {"200": {"application/sparql-results+json": RESULTS}},
    ("get", "/store"): {
        "200": {"text/turtle": TURTLE},
        "404": {"application/problem+json": PROBLEM},
    },
    ("put", "/store"): {"204": {}, "201": {}, "400": {"application/problem+json": BAD_RDF}},
    ("post", "/store"): {"201": {}, "204": {}, "400": {"application/problem+json": BAD_RDF}},
    ("delete", "/store"): {"204": {}, "404": {"application/problem+json": PROBLEM}},
    ("get", "/store/{path}"): {"200": {"text/turtle": TURTLE}},
    ("put", "/store/{path}"): {"204": {}, "201": {}, "400": {"application/problem+json": BAD_RDF}},
    ("post", "/store/{path}"): {"204": {}, "201": {}, "400": {"application/problem+json": BAD_RDF}},
    ("delete", "/store/{path}"): {"204": {}, "404": {"application/problem+json": PROBLEM}},
    ("post", "/submissions"): {
        "201": {
            "application/json": {
                "file": "record.txt",
                "submissions": [
                    {
                        "status": "stored",
                        "submission": VERSION,
                        "replaces": None,
                        "url": "/submissions/nld-nap-4/jenv/9499130b86aac370",
                        "problems": [],
                    }
                ],
            }
        },
        "422": {"application/json": REJECTED},
    },
    ("get", "/submissions"): {
        "200": {
            "application/json": {
                "total": 1,
                "page": 1,
                "per_page": 50,
                "items": [
                    {
                        "submission": VERSION,
                        "url": "/submissions/nld-nap-4/jenv/9499130b86aac370",
                        "organisation": JENV,
                        "organisation_name": "Ministry of Justice and Security",
                        "plan": PLAN,
                        "received": "2026-12-03T08:30:00Z",
                    }
                ],
            },
            "text/html": "<!doctype html>...",
        }
    },
    ("post", "/submissions/validate"): {
        "200": {
            "application/json": {
                "file": "record.txt",
                "valid": True,
                "record": RECORD_SUMMARY,
                "problems": [],
            }
        },
        "422": {"application/json": REJECTED},
    },
    ("get", "/submissions/{plan}/{organisation}/{version}"): {
        "200": {"text/turtle": TURTLE, "text/plain": RECORD}
    },
    ("get", "/id/{path}"): {"303": {}, "404": {"application/problem+json": PROBLEM}},
    ("get", "/country/{code}"): {
        "200": {
            "text/turtle": "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
            "<http://publications.europa.eu/resource/authority/country/NLD> skos:prefLabel"
            ' "Netherlands"@en , "Nederland"@nl .\n',
            "text/html": "<!doctype html>...",
        }
    },
    ("get", "/def/wps"): {
        "200": {
            "text/turtle": "@prefix wps: <https://w3id.org/nap-graph/def/wps#> .\n"
            'wps:Activity a owl:Class ; rdfs:label "activity"@en , "activiteit"@nl .\n',
            "text/html": "<!doctype html>...",
        }
    },
    ("get", "/def/shapes"): {
        "200": {
            "text/turtle": "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
            "shape:SubmissionShape a sh:NodeShape ; sh:targetClass wps:Submission .\n"
        }
    },
    ("get", "/graph/{path}"): {"200": {"text/turtle": TURTLE}},
    ("get", "/context.jsonld"): {
        "200": {
            "application/ld+json": {
                "@context": {
                    "@version": 1.1,
                    "wps": "https://w3id.org/nap-graph/def/wps#",
                    "skos": "http://www.w3.org/2004/02/skos/core#",
                }
            }
        }
    },
    ("get", "/dumps"): {
        "200": {
            "application/json": {
                "dumps": [
                    {
                        "url": "https://example.org/dumps/nap-graph.nq.gz",
                        "mediaType": "application/n-quads",
                        "compression": "gzip",
                        "content": "all named graphs",
                    }
                ]
            },
            "text/html": "<!doctype html>...",
        }
    },
    ("get", "/dumps/{name}"): {"200": {"application/gzip": "(gzip-compressed N-Quads)"}},
    ("get", "/.well-known/void"): {
        "200": {
            "text/turtle": "<https://example.org/.well-known/void#dataset> a void:Dataset ,"
            " dcat:Dataset ;\n  void:sparqlEndpoint <https://example.org/sparql> ;\n"
            "  void:triples 7043 .\n"
        }
    },
    ("get", "/compare"): {
        "200": {
            "application/json": {
                "mappings": [
                    {
                        "pillar": "https://w3id.org/nap-graph/id/pillar/participation",
                        "pillar_name": "Participation",
                        "country": "NLD",
                        "plan": PLAN,
                        "plan_name": "Dutch National Action Plan 1325-IV",
                        "code": "1",
                        "area": "Participation",
                        "match": "exact",
                    }
                ],
                "missing": [],
            },
            "text/csv": "pillar,country,plan,plan_iri,code,area,match\n"
            "Participation,NLD,Dutch National Action Plan 1325-IV,...,1,...,exact\n",
            "text/html": "<!doctype html>...",
        }
    },
    ("get", "/world"): {
        "200": {
            "application/json": {
                "count": 1,
                "plans": [
                    {
                        "plan": "https://w3id.org/nap-graph/id/plan/alb-nap-2",
                        "title": "Albania: National Action Plan 2 (2023\u20132027)",
                        "owner": "Albania",
                        "country": "ALB",
                        "organisation": "",
                        "regions": "Europe",
                        "generation": 2,
                        "start": "2023",
                        "end": "2027",
                        "adopted": "",
                        "lead": "",
                        "budget": "",
                        "monitoring": "",
                        "predecessor": "https://w3id.org/nap-graph/id/plan/alb-nap-1",
                        "source": "https://securitywomen.org/...",
                        "has_outcomes": False,
                        "key": "alb-nap-2",
                    }
                ],
            },
            "text/csv": "plan,title,owner,country,...\n",
            "text/turtle": "plan:alb-nap-2 a wps:NationalActionPlan ; ...",
            "text/html": "<!doctype html>... <svg ...",
        },
        "400": {
            "application/problem+json": {"detail": "year: expected a whole number, found 'soon'"}
        },
    },
    ("post", "/plans"): {
        "201": {
            "application/json": {
                "file": "plan.json",
                "valid": True,
                "plan": "https://w3id.org/nap-graph/id/plan/cri-nap-1",
                "graph": "https://w3id.org/nap-graph/graph/plans/cri-nap-1",
                "stored": True,
                "problems": [
                    {
                        "severity": "warning",
                        "field": "title",
                        "message": "no English or Dutch title (title_en, title_nl); the plan "
                        "is kept with its es title and named 'Costa Rica: National Action Plan "
                        "1 (2024\u20132028)' in English until one is added",
                    }
                ],
            }
        },
        "409": {
            "application/problem+json": {"detail": "<.../plan/cri-nap-1> is in the store already"}
        },
        "422": {"application/json": {"valid": False, "stored": False, "problems": ["..."]}},
    },
    ("get", "/plans/import"): {"200": {"text/html": '<!doctype html>... <form method="post" ...'}},
    ("post", "/plans/import"): {
        "201": {"text/html": "<!doctype html>... The plan is stored"},
        "422": {"text/html": '<!doctype html>... <div class="error-summary" ...'},
    },
    ("get", "/plans/template.csv"): {"200": {"text/csv": "country,title,title_en,title_nl,..."}},
    ("get", "/plans/schema.json"): {
        "200": {"application/schema+json": {"title": "nap-graph plan"}}
    },
    ("get", "/check"): {"200": {"text/html": '<!doctype html>... <form method="post" ...'}},
    ("get", "/sign-in"): {"200": {"text/html": '<!doctype html>... <form method="post" ...'}},
    ("post", "/sign-in"): {"303": {}, "401": {"text/html": "<!doctype html>..."}},
    ("post", "/sign-out"): {"303": {}, "403": {"text/html": "<!doctype html>... out of date"}},
    ("get", "/my/records"): {"200": {"text/html": "<!doctype html>..."}, "303": {}},
    ("post", "/my/records"): {"303": {}, "422": {"text/html": "<!doctype html>..."}},
    ("get", "/my/records/diff"): {"200": {"text/html": "<!doctype html>... <del>...</del>"}},
    ("post", "/my/records/revert"): {"303": {}, "409": {"application/problem+json": {}}},
    ("post", "/submissions/{plan}/{organisation}/{version}/revert"): {
        "200": {
            "application/json": {
                "submission": "https://w3id.org/nap-graph/id/submission/nld-nap-4/jenv/9499130b86aac370",
                "status": "reverted",
                "replaces": "https://w3id.org/nap-graph/id/submission/nld-nap-4/jenv/b284dcb2ba79e65c",
                "url": "/submissions/nld-nap-4/jenv/9499130b86aac370",
            }
        },
        "409": {"application/problem+json": {}},
    },
    ("get", "/review"): {
        "200": {
            "application/json": {
                "items": [
                    {
                        "activity": "https://w3id.org/nap-graph/id/activity/jenv/external-expertise",
                        "name": "Expertise from outside the Ministry",
                        "organisation": JENV,
                        "organisation_name": "Ministry of Justice and Security",
                        "version": "https://w3id.org/nap-graph/id/submission/nld-nap-4/jenv/b284dcb2ba79e65c",
                        "outcomes_no_longer_selected": ["3.4"],
                    }
                ]
            },
            "text/html": "<!doctype html>...",
        }
    },
    ("post", "/review"): {
        "200": {
            "application/json": {
                "activity": "https://w3id.org/nap-graph/id/activity/jenv/external-expertise",
                "name": "Expertise from outside the Ministry",
                "decision": "keep",
            }
        },
        "303": {},
    },
    ("get", "/record-form"): {
        "200": {"text/html": '<!doctype html>... <form id="record-form" ...'}
    },
    ("post", "/record-form"): {"200": {"text/html": "<!doctype html>..."}, "303": {}},
    ("get", "/health"): {
        "200": {
            "application/json": {
                "status": "ok",
                "version": "0.1.0",
                "process": 4242,
                "query_workers": {"memory": 2, "checkpoint": 0, "busy": 0},
                "saturation": {"workers": 2, "busy": 0, "waiting": 0, "max_waiting": 64},
            }
        }
    },
}
"""Example answers: (method, path) -> status -> media type -> example (``{}``: no body)."""

REQUESTS: dict[tuple[str, str], dict[str, Any]] = {
    ("post", "/sparql"): {
        "application/sparql-query": SELECT,
        "application/x-www-form-urlencoded": "query=SELECT%20*%20WHERE%20%7B%20%3Fs%20%3Fp"
        "%20%3Fo%20%7D",
        "application/sparql-update": "INSERT DATA { GRAPH"
        " <https://w3id.org/nap-graph/graph/links/organisations> {"
        ' <https://w3id.org/nap-graph/id/organisation/jenv> skos:altLabel "JenV" } }',
    },
    ("put", "/store"): {"text/turtle": TURTLE},
    ("post", "/store"): {"text/turtle": TURTLE},
    ("put", "/store/{path}"): {"text/turtle": TURTLE},
    ("post", "/store/{path}"): {"text/turtle": TURTLE},
    ("post", "/submissions"): {"text/plain": RECORD},
    ("post", "/plans"): {
        "application/json": COSTA_RICA_PLAN,
        "text/csv": "country,title,title_en,title_nl,language,start,end,number,...\n",
    },
    ("post", "/plans/import"): {
        "multipart/form-data": {"csrf": "...", "text": "{...}", "kind": "json", "action": "check"}
    },
    ("post", "/submissions/validate"): {"text/plain": RECORD},
    ("post", "/check"): {"multipart/form-data": {"text": RECORD, "format": "auto"}},
    ("post", "/sign-in"): {
        "application/x-www-form-urlencoded": {"token": "...", "csrf": "...", "next": "/my/records"}
    },
    ("post", "/sign-out"): {"application/x-www-form-urlencoded": {"csrf": "..."}},
    ("post", "/record-form"): {
        "application/x-www-form-urlencoded": {"organisation": "TNN", "strategic_outcomes": "3"}
    },
    ("post", "/record-form/check"): {
        "application/x-www-form-urlencoded": {"organisation": "TNN", "strategic_outcomes": "3"}
    },
    ("post", "/my/records"): {"multipart/form-data": {"csrf": "...", "text": RECORD}},
    ("post", "/my/records/revert"): {
        "application/x-www-form-urlencoded": {
            "csrf": "...",
            "version": "https://w3id.org/nap-graph/id/submission/nld-nap-4/jenv/9499130b86aac370",
        }
    },
    ("post", "/review"): {
        "application/x-www-form-urlencoded": {
            "activity": "https://w3id.org/nap-graph/id/activity/jenv/external-expertise",
            "decision": "keep",
        }
    },
}
"""Example request bodies: (method, path) -> media type -> example."""


def _merge(spec: dict[str, Any]) -> dict[str, Any]:
    for (method, path), statuses in RESPONSES.items():
        operation = spec["paths"].get(path, {}).get(method)
        if operation is None:
            continue
        responses = operation.setdefault("responses", {})
        for status, contents in statuses.items():
            response = responses.setdefault(status, {"description": _DESCRIPTIONS.get(status, "")})
            for media_type, example in contents.items():
                response.setdefault("content", {}).setdefault(media_type, {})["example"] = example
    for (method, path), contents in REQUESTS.items():
        operation = spec["paths"].get(path, {}).get(method)
        if operation is None:
            continue
        body = operation.setdefault("requestBody", {"content": {}})
        for media_type, example in contents.items():
            body.setdefault("content", {}).setdefault(media_type, {})["example"] = example
    return spec


_DESCRIPTIONS = {
    "200": "OK",
    "201": "Created",
    "204": "No content",
    "303": "See Other: the document about the thing",
    "400": "Bad request (problem+json)",
    "404": "Not found (problem+json)",
    "422": "Not valid: the report (problem per field and line)",
}


def install(app: FastAPI) -> None:
    """Make ``app.openapi()`` return the generated description with the examples merged in."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _merge(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
