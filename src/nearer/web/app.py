"""``create_app``: the FastAPI app, built from settings, with everything it varies on passed in."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from nearer import __version__
from nearer.people.passwords import Passwords
from nearer.settings import Clock, Settings, utc_now
from nearer.store.database import Database, open_database
from nearer.web import uploads
from nearer.web.api import appreciations as api_appreciations
from nearer.web.api import checkins as api_checkins
from nearer.web.api import closeness as api_closeness
from nearer.web.api import journal as api_journal
from nearer.web.api import moments as api_moments
from nearer.web.api import questions as api_questions
from nearer.web.api import reports as api_reports
from nearer.web.api import routes as api_routes
from nearer.web.api import weekly as api_weekly
from nearer.web.errors import install_error_handlers
from nearer.web.jobs import Jobs
from nearer.web.limits import RecentEvents
from nearer.web.middleware import BodySizeLimit, SecurityHeaders
from nearer.web.pages import (
    account,
    api_docs,
    appreciations,
    auth,
    checkins,
    closeness,
    coach_box,
    daily,
    home,
    journal,
    moments,
    pairs,
    reports,
    together,
    weekly,
)
from nearer.web.state import AppState

STATIC = Path(__file__).resolve().parent / "static"
PAGE_ROUTERS = (
    auth.router,
    home.router,
    pairs.router,
    reports.router,
    together.router,
    daily.router,
    weekly.router,
    appreciations.router,
    checkins.router,
    closeness.router,
    moments.router,
    journal.router,
    coach_box.router,
    account.router,
    api_docs.router,
)
API_ROUTERS = (
    api_routes.router,
    api_reports.router,
    api_questions.router,
    api_weekly.router,
    api_appreciations.router,
    api_checkins.router,
    api_closeness.router,
    api_moments.router,
    api_journal.router,
)

DESCRIPTION = """
The JSON API of nearer. Get a token from `POST /api/v1/auth/token` and send it as
`Authorization: Bearer <token>`. Errors answer `{"error": {"code", "message", "field"}}`.
A pair, and everything in it, is visible only to its members: anyone else gets 404.
"""


def create_app(
    settings: Settings | None = None,
    *,
    database: Database | None = None,
    clock: Clock = utc_now,
    passwords: Passwords | None = None,
) -> FastAPI:
    """Build the app. Opens (and migrates) the database unless one is given.

    >>> from pathlib import Path; import tempfile
    >>> app = create_app(Settings.for_home(Path(tempfile.mkdtemp())))
    >>> app.title
    'nearer'
    """
    settings = settings or Settings.from_env()
    database = database or open_database(settings.database_url)
    uploads.empty_folder(settings.upload_folder)  # what a crash or a restart left half-read
    app = FastAPI(
        title="nearer",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # Swagger UI loads from a CDN; nearer serves nothing from outside
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.nearer = AppState(
        settings=settings,
        database=database,
        clock=clock,
        passwords=passwords or Passwords(),
        sign_ups=RecentEvents(
            allowed=settings.sign_ups_allowed_per_client, window=timedelta(hours=1), what="new accounts from here"
        ),
        jobs=Jobs(clock),
    )
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes, upload_bytes=settings.max_upload_bytes)
    app.add_middleware(SecurityHeaders)
    # Answer only to this machine's names (and any the settings add): a page elsewhere
    # that points its own domain at 127.0.0.1 (DNS rebinding) gets nothing.
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in PAGE_ROUTERS:
        app.include_router(router, include_in_schema=False)
    for router in API_ROUTERS:
        app.include_router(router)
    return app
