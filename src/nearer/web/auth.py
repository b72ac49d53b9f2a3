"""Who is asking: a browser's session cookie for pages, a Bearer token for the API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from nearer.errors import NotSignedIn
from nearer.people import sessions
from nearer.store.models import Person
from nearer.web.state import app_state

SESSION_COOKIE = "nearer_session"


@dataclass(frozen=True)
class Viewer:
    """A signed-in person, as far as a request knows: their id and the token that proved it."""

    person_id: str
    name: str
    token: str

    def load(self, session: Session) -> Person:
        """The person, inside the handler's own unit of work."""
        person = session.get(Person, self.person_id)
        if person is None:
            raise NotSignedIn()
        return person


def _viewer(request: Request, token: str, kind: str) -> Viewer:
    state = app_state(request)
    with state.database.session() as session:
        person = sessions.person_for_token(session, token, kind=kind, now=state.clock())
        return Viewer(person_id=person.id, name=person.name, token=token)


def page_viewer(request: Request) -> Viewer:
    return _viewer(request, request.cookies.get(SESSION_COOKIE, ""), sessions.BROWSER)


def optional_page_viewer(request: Request) -> Viewer | None:
    try:
        return page_viewer(request)
    except NotSignedIn:
        return None


BEARER = HTTPBearer(auto_error=False, description="A token from POST /api/v1/auth/token.")


def api_viewer(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]
) -> Viewer:
    if credentials is None or not credentials.credentials.strip():
        raise NotSignedIn("Send your token as 'Authorization: Bearer <token>' (get one from POST /api/v1/auth/token).")
    return _viewer(request, credentials.credentials.strip(), sessions.API)


PageViewer = Annotated[Viewer, Depends(page_viewer)]
MaybePageViewer = Annotated[Viewer | None, Depends(optional_page_viewer)]
ApiViewer = Annotated[Viewer, Depends(api_viewer)]


def secure_cookies(request: Request) -> bool:
    return app_state(request).settings.secure_cookies or request.url.scheme == "https"


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    lifetime = app_state(request).settings.session_lifetime
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(lifetime.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request),
        path="/",
    )


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="lax", secure=secure_cookies(request), path="/")
