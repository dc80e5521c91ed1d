"""Synthetic submissions for the ingest benchmarks, in every input format the service
reads: the partner-database export (.txt), JSON, CSV, Turtle and JSON-LD. Each is the seed
record (the Ministry of Justice and Security's) given to another signatory, with its own
strategic outcomes and contributions; deterministic for a seed.

    python -m benchmarks.synthetic_submissions --count 100 --format json --output subs/
"""

from __future__ import annotations

import argparse
import hashlib
import random
from pathlib import Path

import pyoxigraph as ox

from nap_graph.resources import data_dir
from nap_graph.submissions.csv_format import render_csv
from nap_graph.submissions.export_format import render_export
from nap_graph.submissions.model import ParsedSubmission, SourceInfo, SubmissionRecord
from nap_graph.submissions.reading import read_submissions
from nap_graph.submissions.to_rdf import submission_to_graph

SEED = data_dir() / "submissions" / "nld-nap-4" / "jenv" / "000_9b141defdd96629b.txt"
FORMATS = ("txt", "json", "csv", "ttl", "jsonld")
KINDS = ("Government", "Civil society", "Knowledge institution", "Police")


def seed_record() -> SubmissionRecord:
    return read_submissions(SEED.read_bytes(), SEED.name)[0].record


def submission_records(count: int, *, seed: int = 1325) -> list[SubmissionRecord]:
    """``count`` seed-sized records, each from a signatory of its own ("Signatory
    organisation 0000", ...), with 1-4 strategic outcomes and a contribution to each."""
    base = seed_record()
    rng = random.Random(seed)
    records = []
    for i in range(count):
        strategic = sorted(rng.sample(["1", "2", "3", "4", "5"], rng.randint(1, 4)))
        contributions = [
            c.model_copy(update={"outcome": s})
            for s, c in zip(strategic, base.contributions[:3] * 2, strict=False)
        ]
        records.append(
            base.model_copy(
                update={
                    "organisation": f"Signatory organisation {i:04d}",
                    "organisation_kind": rng.choice(KINDS),
                    "strategic_outcomes": strategic,
                    "sub_outcomes": [],
                    "contributions": contributions,
                }
            )
        )
    return records


def render(record: SubmissionRecord, fmt: str, name: str) -> bytes:
    """One record as a file in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "txt":
        return render_export(record).encode()
    if fmt == "json":
        return record.model_dump_json(indent=2, exclude_none=True).encode()
    if fmt == "csv":
        return render_csv([record]).encode()
    if fmt in ("ttl", "jsonld"):
        data = record.model_dump_json().encode()
        source = SourceInfo(name, "application/json", hashlib.sha256(data).hexdigest(), len(data))
        graph = submission_to_graph(ParsedSubmission(record, source)).graph
        return graph.serialize(ox.RdfFormat.TURTLE if fmt == "ttl" else ox.RdfFormat.JSON_LD)
    raise ValueError(f"unknown format '{fmt}'; expected one of {', '.join(FORMATS)}")


def write_submissions(folder: Path, count: int, fmt: str, *, seed: int = 1325) -> list[Path]:
    """``count`` submission files in ``fmt`` in ``folder`` (created if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, record in enumerate(submission_records(count, seed=seed)):
        path = folder / f"{i:04d}.{fmt}"
        path.write_bytes(render(record, fmt, path.name))
        paths.append(path)
    return paths


def seed_variants(folder: Path, count: int) -> list[Path]:
    """``count`` copies of the seed export, byte for byte but for the organisation's name:
    the closest thing to real seed-sized submissions, for the ingest timings."""
    text = SEED.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"{i:04d}.txt"
        path.write_text(
            text.replace(
                "Ministry of Justice and Security\n\nOrganization details",
                f"Signatory {i:04d}\n\nOrganization details",
                1,
            ),
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--format", choices=FORMATS, default="txt")
    parser.add_argument("--seed", type=int, default=1325)
    parser.add_argument("--output", type=Path, required=True, help="folder to write into")
    args = parser.parse_args()
    paths = write_submissions(args.output, args.count, args.format, seed=args.seed)
    print(f"{len(paths)} submissions ({args.format}) -> {args.output}")


if __name__ == "__main__":
    main()
