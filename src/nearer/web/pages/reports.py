"""Reading a chat export into a closeness report from the pair's page: upload, progress, the report,
and sharing it with the pair (or not)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path, PurePath

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse, RedirectResponse
from starlette.datastructures import UploadFile

from nearer.errors import InvalidInput, NotFound
from nearer.insight import saved
from nearer.insight.html import STYLE_FILE
from nearer.people import pairs
from nearer.store.models import Person
from nearer.web.auth import PageViewer
from nearer.web.csrf import CheckedForm, form_text
from nearer.web.jobs import Job
from nearer.web.pages.pairs import render_pair
from nearer.web.state import AppState, app_state
from nearer.web.templating import render

router = APIRouter()


def keep_upload(upload: object, field: str = "export") -> tuple[Path, str]:
    """The uploaded export, copied to a private temporary file, and the name it had on the person's device."""
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise InvalidInput("Choose the exported chat file to read.", field=field)
    name = PurePath(upload.filename.replace("\\", "/")).name[:255] or "chat export"
    try:
        with tempfile.NamedTemporaryFile(prefix="nearer-", suffix=Path(name).suffix[:10], delete=False) as copy:
            shutil.copyfileobj(upload.file, copy)
            size = copy.tell()
    finally:
        upload.file.close()
    if size == 0:
        Path(copy.name).unlink(missing_ok=True)
        raise InvalidInput(f"{name} is empty.", field=field)
    return Path(copy.name), name


def start_reading(state: AppState, owner_id: str, pair_id: str, export: Path, name: str, me: str | None) -> Job:
    def work(job: Job) -> str:
        try:
            read = saved.read_export(export, name, me, progress=job.progress)
        finally:
            export.unlink(missing_ok=True)
        with state.database.session() as session:
            owner = session.get(Person, owner_id)
            if owner is None:
                raise NotFound()
            return saved.save_report(session, pair_id, owner, read, now=state.clock()).id

    return state.jobs.start(owner_id, pair_id, work)


@router.post("/pairs/{pair_id}/reports")
def upload(request: Request, pair_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    with state.database.session() as session:
        pairs.pair_for_member(session, pair_id, viewer.load(session))
    try:
        export, name = keep_upload(form.get("export"))
    except InvalidInput as exc:
        return render_pair(request, viewer, pair_id, 422, report_error=exc.message)
    job = start_reading(state, viewer.person_id, pair_id, export, name, form_text(form, "me").strip() or None)
    return RedirectResponse(f"/reports/reading/{job.id}", status_code=303)


@router.get("/reports/reading/{job_id}")
def reading(request: Request, job_id: str, viewer: PageViewer) -> Response:
    job = app_state(request).jobs.get(job_id, viewer.person_id)
    if job.report_id is not None:
        return RedirectResponse(f"/reports/{job.report_id}", status_code=303)
    status = 422 if job.problem else 200
    return render(request, "report_reading.html", status, viewer={"name": viewer.name}, job=job)


@router.get("/reports/report.css", include_in_schema=False)
def report_style() -> Response:
    return PlainTextResponse(STYLE_FILE.read_text(encoding="utf-8"), media_type="text/css")


@router.get("/reports/{report_id}")
def report_page(request: Request, report_id: str, viewer: PageViewer) -> Response:
    state = app_state(request)
    with state.database.session() as session:
        me = viewer.load(session)
        report = saved.report_for(session, report_id, me)
        pair = pairs.pair_for_member(session, report.pair_id, me)
        view = {
            "id": report.id,
            "pair_id": report.pair_id,
            "source_name": report.source_name,
            "created_at": report.created_at,
            "shared": report.shared_at is not None,
            "mine": report.owner_id == me.id,
            "others": [p.name for p in pairs.other_members(pair, me)],
            "body": saved.report_fragment(report),
        }
    return render(request, "report_page.html", viewer={"name": viewer.name}, report=view)


@router.get("/reports/{report_id}/download")
def download(request: Request, report_id: str, viewer: PageViewer) -> Response:
    state = app_state(request)
    with state.database.session() as session:
        report = saved.report_for(session, report_id, viewer.load(session))
        page, name = report.page, Path(report.source_name).stem or "chat"
    safe = "".join(c if c.isalnum() or c in "-_ " else "-" for c in name)[:80].strip() or "chat"
    headers = {"Content-Disposition": f'attachment; filename="nearer report - {safe}.html"'}
    return Response(page, media_type="text/html; charset=utf-8", headers=headers)


@router.post("/reports/{report_id}/share")
def share(request: Request, report_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    shared = form_text(form, "shared") != "no"
    with state.database.session() as session:
        saved.share_report(session, report_id, viewer.load(session), now=state.clock(), shared=shared)
    return RedirectResponse(f"/reports/{report_id}", status_code=303)


@router.post("/reports/{report_id}/delete")
def delete(request: Request, report_id: str, viewer: PageViewer, form: CheckedForm) -> Response:
    state = app_state(request)
    with state.database.session() as session:
        report = saved.own_report(session, report_id, viewer.load(session))
        pair_id = report.pair_id
        session.delete(report)
    return RedirectResponse(f"/pairs/{pair_id}?notice=report-deleted", status_code=303)
