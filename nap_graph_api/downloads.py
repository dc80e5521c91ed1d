"""Downloads for people: a table as a CSV file that a spreadsheet opens right, in the reader's
language (:func:`nap_graph.spreadsheets.spreadsheet_csv`), saved rather than shown
(``Content-Disposition: attachment``). ``?sep=semicolon`` or ``?sep=comma`` chooses the
separator; otherwise a Dutch reader gets ``;`` (docs/site.md, "Downloads")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from fastapi import Request, Response

from nap_graph.i18n import current_language
from nap_graph.spreadsheets import separator_for, spreadsheet_csv


def csv_download(
    request: Request,
    columns: Sequence[str],
    rows: Iterable[Mapping[str, object]],
    name: str,
) -> Response:
    """``rows`` as ``<name>.csv``, a download."""
    lang = current_language()
    separator = separator_for(lang, request.query_params.get("sep"))
    return Response(
        spreadsheet_csv(columns, rows, lang=lang, separator=separator),
        media_type="text/csv; charset=utf-8; header=present",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )
