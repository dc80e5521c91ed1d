"""The reproduction written for Oxigraph (benchmarks/union_join_order.py) runs, and its four
formulations give the same rows (their speed is the benchmark's to print, never a test's)."""

from __future__ import annotations

from benchmarks.union_join_order import run


def test_the_four_formulations_give_the_same_rows() -> None:
    found = run(5_000)
    assert {rows for _ms, rows in found.values()} == {10}  # 5 activities of org 7, twice
