"""The website's pages (``/check``, ``/my/records``, ``/record-form``) check and store
records through the workspace (:class:`~nap_graph.workspace.Workspace`), as the API and the
command line do: the same reader choice, the same report, the same decision of who may
submit what. This module only moves that work off the event loop."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool

from nap_graph import iris
from nap_graph.access import Principal
from nap_graph.i18n import current_language
from nap_graph.submissions.checking import CheckResult
from nap_graph.workspace import Submitted, Workspace


async def check_record(
    workspace: Workspace, data: bytes, name: str, *, fmt: str | None = None
) -> CheckResult:
    """:meth:`Workspace.check` in the request's language."""
    lang = current_language()
    return await run_in_threadpool(workspace.check, data, name, fmt=fmt, lang=lang)


async def submit_checked(
    workspace: Workspace, result: CheckResult, principal: Principal, *, file: str
) -> Submitted:
    """:meth:`Workspace.submit` (:class:`~nap_graph.errors.NotAllowedError` for another
    organisation's record, before anything is stored)."""
    return await run_in_threadpool(workspace.submit, result, principal, file=file)


def organisation_keys(result: CheckResult) -> list[str]:
    """The key of the organisation each checked record is for (``jenv``)."""
    prefix = iris.id_prefix("organisation")
    return [
        r.report.submission.organisation.value.removeprefix(prefix)
        for r in result.records
        if r.report is not None
    ]
