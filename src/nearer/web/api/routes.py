"""The /api/v1 routes. Each parses, calls one library function, and shapes the answer."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from nearer.people import accounts, pairs, sessions
from nearer.people.export import export_person
from nearer.store.models import Pair
from nearer.web.api.schemas import (
    AccountDeleteIn,
    CodeOut,
    ErrorOut,
    IdOut,
    MemberOut,
    MeOut,
    PairIdOut,
    PairIn,
    PairOut,
    PasswordChangeIn,
    SignupIn,
    TokenIn,
    TokenOut,
)
from nearer.web.auth import ApiViewer
from nearer.web.state import app_state, client_of

ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorOut, "description": text}
    for code, text in {
        401: "No valid token",
        404: "Not found, or not yours",
        409: "Clashes with what exists",
        410: "Invite used or expired",
        422: "A value is missing or not usable",
        429: "Too many failed sign-ins",
    }.items()
}

router = APIRouter(prefix="/api/v1", responses=ERRORS)


def pair_out(pair: Pair) -> PairOut:
    return PairOut(
        id=pair.id,
        kind=pair.kind,
        created_at=pair.created_at,
        complete=pairs.is_complete(pair),
        members=[MemberOut(id=m.person.id, name=m.person.name, joined_at=m.joined_at) for m in pair.memberships],
    )


@router.post("/auth/signup", status_code=201, tags=["account"])
def signup(request: Request, body: SignupIn) -> IdOut:
    """Create an account."""
    state = app_state(request)
    state.sign_ups.record(client_of(request), state.clock())
    with state.database.session() as session:
        person = accounts.sign_up(
            session,
            name=body.name,
            email=body.email,
            password=body.password,
            passwords=state.passwords,
            now=state.clock(),
        )
        return IdOut(id=person.id)


@router.post("/auth/token", tags=["account"])
def token(request: Request, body: TokenIn) -> TokenOut:
    """Trade an email and password for a token; send it as ``Authorization: Bearer <token>``."""
    state = app_state(request)
    with state.database.session() as session:
        person = accounts.sign_in(
            session,
            email=body.email,
            password=body.password,
            passwords=state.passwords,
            now=state.clock(),
            client=client_of(request),
            limit=state.settings.sign_in_limit,
        )
        issued = sessions.start_session(
            session, person, kind=sessions.API, now=state.clock(), lifetime=state.settings.session_lifetime
        )
    return TokenOut(token=issued)


@router.delete("/auth/token", status_code=204, tags=["account"])
def revoke_token(request: Request, viewer: ApiViewer) -> Response:
    """Sign out: the token stops working."""
    with app_state(request).database.session() as session:
        sessions.end_session(session, viewer.token)
    return Response(status_code=204)


@router.get("/me", tags=["account"])
def me(request: Request, viewer: ApiViewer) -> MeOut:
    with app_state(request).database.session() as session:
        person = viewer.load(session)
        return MeOut(
            id=person.id,
            name=person.name,
            email=person.email,
            created_at=person.created_at,
            pairs=[pair_out(p) for p in pairs.pairs_of(session, person)],
        )


@router.put("/me/password", status_code=204, tags=["account"])
def change_password(request: Request, body: PasswordChangeIn, viewer: ApiViewer) -> Response:
    """Change the password; every other session and token is signed out."""
    state = app_state(request)
    with state.database.session() as session:
        person = viewer.load(session)
        accounts.change_password(
            session, person, current=body.current_password, new=body.new_password, passwords=state.passwords
        )
        sessions.end_all_sessions(session, person, keep=viewer.token)
    return Response(status_code=204)


@router.get("/me/export", tags=["account"])
def export(request: Request, viewer: ApiViewer) -> dict[str, object]:
    """Everything that is yours, as JSON."""
    state = app_state(request)
    with state.database.session() as session:
        return export_person(session, viewer.load(session), now=state.clock())


@router.post("/me/delete", status_code=204, tags=["account"])
def delete_me(request: Request, body: AccountDeleteIn, viewer: ApiViewer) -> Response:
    """Delete the account and everything in it. Needs the password again."""
    state = app_state(request)
    with state.database.session() as session:
        accounts.delete_account(session, viewer.load(session), password=body.password, passwords=state.passwords)
    return Response(status_code=204)


@router.post("/pairs", status_code=201, tags=["pairs"])
def create_pair(request: Request, body: PairIn, viewer: ApiViewer) -> IdOut:
    """Start a pair; invite the other person next."""
    state = app_state(request)
    with state.database.session() as session:
        pair = pairs.create_pair(session, viewer.load(session), kind=body.kind, now=state.clock())
        return IdOut(id=pair.id)


@router.get("/pairs", tags=["pairs"])
def list_pairs(request: Request, viewer: ApiViewer) -> list[PairOut]:
    with app_state(request).database.session() as session:
        return [pair_out(p) for p in pairs.pairs_of(session, viewer.load(session))]


@router.get("/pairs/{pair_id}", tags=["pairs"])
def get_pair(request: Request, pair_id: str, viewer: ApiViewer) -> PairOut:
    """The pair, for its members; 404 for anyone else."""
    with app_state(request).database.session() as session:
        return pair_out(pairs.pair_for_member(session, pair_id, viewer.load(session)))


@router.post("/pairs/{pair_id}/invites", status_code=201, tags=["pairs"])
def create_invite(request: Request, pair_id: str, viewer: ApiViewer) -> CodeOut:
    """A one-use invite code for the other person. Earlier unused codes for the pair stop working."""
    state = app_state(request)
    with state.database.session() as session:
        made = pairs.create_invite(
            session, pair_id, viewer.load(session), now=state.clock(), lifetime=state.settings.invite_lifetime
        )
    return CodeOut(code=made.code)


@router.post("/invites/{code}/accept", tags=["pairs"])
def accept_invite(request: Request, code: str, viewer: ApiViewer) -> PairIdOut:
    """Join the pair the code is for."""
    state = app_state(request)
    with state.database.session() as session:
        pair = pairs.accept_invite(session, code, viewer.load(session), now=state.clock())
        return PairIdOut(pair_id=pair.id)


@router.delete("/pairs/{pair_id}/membership", status_code=204, tags=["pairs"])
def leave_pair(request: Request, pair_id: str, viewer: ApiViewer) -> Response:
    """Leave the pair. A pair nobody is left in is deleted."""
    with app_state(request).database.session() as session:
        pairs.leave_pair(session, pair_id, viewer.load(session))
    return Response(status_code=204)
