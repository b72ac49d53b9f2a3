"""Request and response bodies of the JSON API.

Bodies check only shape and size here; the rules for each value (what makes a
good email or password) live in ``nearer.people.rules`` and answer 422 from there.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

LONG = 1000


class Body(BaseModel):
    model_config = ConfigDict(extra="ignore")


class SignupIn(Body):
    name: str = Field(max_length=LONG, examples=["Sam"])
    email: str = Field(max_length=LONG, examples=["sam@example.com"])
    password: str = Field(max_length=LONG, examples=["a long passphrase"])


class TokenIn(Body):
    email: str = Field(max_length=LONG)
    password: str = Field(max_length=LONG)


class PairIn(Body):
    kind: Literal["partners", "friends", "family"]


class PasswordChangeIn(Body):
    current_password: str = Field(max_length=LONG)
    new_password: str = Field(max_length=LONG)


class AccountDeleteIn(Body):
    password: str = Field(max_length=LONG)


class IdOut(BaseModel):
    id: str


class TokenOut(BaseModel):
    token: str


class CodeOut(BaseModel):
    code: str


class PairIdOut(BaseModel):
    pair_id: str


class MemberOut(BaseModel):
    id: str
    name: str
    joined_at: datetime


class PairOut(BaseModel):
    id: str
    kind: str
    created_at: datetime
    complete: bool = Field(description="True once both people are in the pair.")
    members: list[MemberOut]


class ReportOut(BaseModel):
    id: str
    pair_id: str
    source_name: str = Field(description="The export's file name, as it was on the person's device.")
    created_at: datetime
    shared: bool = Field(description="Whether its maker has shared it with the pair.")
    mine: bool = Field(description="Whether the person asking made it.")


class ReportDetailOut(ReportOut):
    summary: dict[str, Any] = Field(description="The JSON summary; see docs/summary-schema.md.")


class SharedIn(Body):
    shared: bool


class MeOut(BaseModel):
    id: str
    name: str
    email: str
    created_at: datetime
    pairs: list[PairOut]


class ErrorDetail(BaseModel):
    code: str
    message: str
    field: str | None = None


class ErrorOut(BaseModel):
    error: ErrorDetail
