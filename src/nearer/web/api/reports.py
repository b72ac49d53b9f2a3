"""The /api/v1 routes for closeness reports: read an export, list, read, share, delete.

A report is its maker's alone until they share it; to anyone else every route answers 404.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from nearer.insight import saved
from nearer.store.models import Person, SavedReport
from nearer.web.api.routes import ERRORS
from nearer.web.api.schemas import IdOut, ReportDetailOut, ReportOut, SharedIn
from nearer.web.auth import ApiViewer
from nearer.web.jobs import Job
from nearer.web.state import app_state
from nearer.web.uploads import EXPORT_FIELD, give_up, receive_export

router = APIRouter(prefix="/api/v1", responses=ERRORS, tags=["reports"])

# The body is read by the route itself, after it knows who sends it, so FastAPI is told its shape here.
UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": [EXPORT_FIELD],
                    "properties": {
                        EXPORT_FIELD: {
                            "type": "string",
                            "format": "binary",
                            "description": "The chat export: WhatsApp .txt/.zip, Telegram JSON, CSV, and more.",
                        },
                        "me": {"type": "string", "description": "The uploader's name as the chat shows it."},
                        "date_order": {
                            "type": "string",
                            "enum": list(saved.DATE_ORDERS),
                            "description": "WhatsApp: how dates are written (day, month or year first); "
                            "leave it out to let nearer tell.",
                        },
                        "chat_name": {
                            "type": "string",
                            "description": "Which chat to read, where the export holds several.",
                        },
                    },
                }
            }
        },
    }
}


def report_out(report: SavedReport, viewer: Person) -> ReportOut:
    return ReportOut(
        id=report.id,
        pair_id=report.pair_id,
        source_name=report.source_name,
        created_at=report.created_at,
        shared=report.shared_at is not None,
        mine=report.owner_id == viewer.id,
    )


@router.post("/pairs/{pair_id}/reports", status_code=201, openapi_extra=UPLOAD_BODY)
async def read_export(request: Request, pair_id: str, viewer: ApiViewer) -> IdOut:
    """Read a chat export into a report, private to the person who sent it. Answers when it is ready.

    Anyone outside the pair gets 404 before the file is read; a person who already has reports being read
    gets 409."""
    state = app_state(request)
    received = await receive_export(request, viewer, pair_id)
    try:
        export, name = received.export()
        saved.check_date_order(received.text("date_order"))
    except BaseException:
        give_up(state, received)
        raise

    def work(job: Job) -> str:
        try:
            read = saved.read_export(
                export,
                name,
                received.text("me") or None,
                date_order=received.text("date_order") or None,
                chat_name=received.text("chat_name") or None,
            )
        finally:
            export.unlink(missing_ok=True)
        with state.database.session() as session:
            return saved.save_report(session, pair_id, viewer.load(session), read, now=state.clock()).id

    try:
        return IdOut(id=await run_in_threadpool(state.jobs.run_here, received.job, work))
    finally:
        export.unlink(missing_ok=True)


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
        return ReportDetailOut(**report_out(report, me).model_dump(), summary=saved.summary_for(report, me))


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
