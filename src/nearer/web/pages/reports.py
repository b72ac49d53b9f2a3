"""Reading a chat export into a closeness report from the pair's page: upload, progress, the report,
and sharing it with the pair (or not)."""

from __future__ import annotations

import hmac
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from nearer.errors import Conflict, Forbidden, InvalidInput, NotFound
from nearer.insight import saved
from nearer.insight.html import STYLE_FILE
from nearer.people import pairs
from nearer.store.models import Person
from nearer.web.auth import PageViewer
from nearer.web.csrf import CSRF_COOKIE, CSRF_FIELD, CheckedForm, form_text
from nearer.web.jobs import Job
from nearer.web.pages.pairs import render_pair
from nearer.web.state import AppState, app_state
from nearer.web.templating import render
from nearer.web.uploads import Received, give_up, receive_export

router = APIRouter()
CHOICES = ("me", "date_order", "chat_name")  # what the upload form asks beside the file


def start_reading(state: AppState, received: Received, export: Path, name: str) -> Job:
    """Read the export in the job's own thread; its file is removed however that ends."""
    owner_id, pair_id = received.job.owner_id, received.job.pair_id

    def work(job: Job) -> str:
        try:
            read = saved.read_export(
                export,
                name,
                received.text("me") or None,
                progress=job.progress,
                date_order=received.text("date_order") or None,
                chat_name=received.text("chat_name") or None,
            )
        finally:
            export.unlink(missing_ok=True)
        with state.database.session() as session:
            owner = session.get(Person, owner_id)
            if owner is None:
                raise NotFound()
            return saved.save_report(session, pair_id, owner, read, now=state.clock()).id

    try:
        return state.jobs.begin(received.job, work)
    except BaseException:
        export.unlink(missing_ok=True)
        raise


def check_form_token(request: Request, sent: str) -> None:
    """The CSRF check of ``csrf.checked_form``, for a form this module reads itself as it arrives."""
    expected = request.cookies.get(CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise Forbidden(
            "This form couldn't be accepted because it was out of date or sent from somewhere else. "
            "Please go back, reload the page and try again."
        )


@router.post("/pairs/{pair_id}/reports")
async def upload(request: Request, pair_id: str, viewer: PageViewer) -> Response:
    """Receive an export and start reading it. Who is asking is known before a byte of the file is read."""
    state = app_state(request)
    try:
        received = await receive_export(request, viewer, pair_id)
    except (Conflict, InvalidInput) as exc:  # too many reports being read already, or the upload broke off
        status = 409 if isinstance(exc, Conflict) else 422
        return await run_in_threadpool(render_pair, request, viewer, pair_id, status, report_error=exc.message)
    form = {name: received.text(name) for name in CHOICES}
    try:
        check_form_token(request, received.fields.get(CSRF_FIELD, ""))
        export, name = received.export()
        saved.check_date_order(form["date_order"])
    except InvalidInput as exc:
        give_up(state, received)
        return await run_in_threadpool(
            render_pair, request, viewer, pair_id, 422, report_error=exc.message, report_form=form
        )
    except BaseException:
        give_up(state, received)
        raise
    job = start_reading(state, received, export, name)
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
        mine = report.owner_id == me.id
        view = {
            "id": report.id,
            "pair_id": report.pair_id,
            "source_name": report.source_name,
            "created_at": report.created_at,
            "shared": report.shared_at is not None,
            "mine": mine,
            "others": [p.name for p in pairs.other_members(pair, me)],
            "pair_complete": pairs.is_complete(pair),
            "pair_closed": pairs.is_closed(pair),
            "other_word": pairs.OTHER_PERSON_WORD[pair.kind],
            "notes": saved.reading_notes(report) if mine else None,  # about the file: its maker's alone
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
    shared = form_text(form, "shared") == "yes"  # anything else keeps it private
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
