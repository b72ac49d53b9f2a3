"""What every request handler needs from the app, in one value set up by ``create_app``."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import Request

from nearer.people.passwords import Passwords
from nearer.settings import Clock, Settings, utc_now
from nearer.store.database import Database
from nearer.web.jobs import Jobs
from nearer.web.limits import RecentEvents


@dataclass(frozen=True)
class AppState:
    settings: Settings
    database: Database
    clock: Clock
    passwords: Passwords
    sign_ups: RecentEvents
    jobs: Jobs = field(default_factory=lambda: Jobs(utc_now))


def client_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.nearer
    return state
