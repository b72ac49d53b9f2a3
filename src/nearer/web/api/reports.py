"""The /api/v1 routes for closeness reports: read an export, list, read, share, delete.

A report is its maker's alone until they share it; to anyone else every route answers 404.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, Response, UploadFile

from nearer.insight import saved
from nearer.people.pairs import pair_for_member
from nearer.store.models import Person, SavedReport
from nearer.web.api.routes import ERRORS
from nearer.web.api.schemas import IdOut, ReportDetailOut, ReportOut, SharedIn
from nearer.web.auth import ApiViewer
from nearer.web.pages.reports import keep_upload
from nearer.web.state import app_state

router = APIRouter(prefix="/api/v1", responses=ERRORS, tags=["reports"])


def report_out(report: SavedReport, viewer: Person) -> ReportOut:
    return ReportOut(
        id=report.id,
        pair_id=report.pair_id,
        source_name=report.source_name,
        created_at=report.created_at,
        shared=report.shared_at is not None,
        mine=report.owner_id == viewer.id,
    )


@router.post("/pairs/{pair_id}/reports", status_code=201)
def read_export(
    request: Request,
    pair_id: str,
    viewer: ApiViewer,
    export: Annotated[UploadFile, File(description="The chat export: WhatsApp .txt/.zip, Telegram JSON, CSV.")],
    me: Annotated[str | None, Form(description="The uploader's name as the chat shows it.")] = None,
) -> IdOut:
    """Read a chat export into a report, private to the person who sent it. Answers when it is ready."""
    state = app_state(request)
    with state.database.session() as session:
        pair_for_member(session, pair_id, viewer.load(session))
    path, name = keep_upload(export)
    try:
        read = saved.read_export(path, name, me or None)
    finally:
        path.unlink(missing_ok=True)
    with state.database.session() as session:
        return IdOut(id=saved.save_report(session, pair_id, viewer.load(session), read, now=state.clock()).id)


@router.get("/pairs/{pair_id}/reports")
def list_reports(request: Request, pair_id: str, viewer: ApiViewer) -> list[ReportOut]:
    with app_state(request).database.session() as session:
        me = viewer.load(session)
        return [report_out(r, me) for r in saved.visible_reports(session, pair_id, me)]


@router.get("/reports/{report_id}")
def get_report(request: Request, report_id: str, viewer: ApiViewer) -> ReportDetailOut:
    with app_state(request).database.session() as session:
        me = viewer.load(session)
        report = saved.report_for(session, report_id, me)
        return ReportDetailOut(**report_out(report, me).model_dump(), summary=saved.report_summary(report))


@router.put("/reports/{report_id}/shared", status_code=204)
def set_shared(request: Request, report_id: str, body: SharedIn, viewer: ApiViewer) -> Response:
    state = app_state(request)
    with state.database.session() as session:
        saved.share_report(session, report_id, viewer.load(session), now=state.clock(), shared=body.shared)
    return Response(status_code=204)


@router.delete("/reports/{report_id}", status_code=204)
def delete_report(request: Request, report_id: str, viewer: ApiViewer) -> Response:
    with app_state(request).database.session() as session:
        saved.delete_report(session, report_id, viewer.load(session))
    return Response(status_code=204)
