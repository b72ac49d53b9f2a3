"""What a name, an email, a password, a pair kind and an invite code must look like.

Each rule cleans a value or raises ``InvalidInput`` naming the field, in words a
person can act on. The web forms and the JSON API both lean on these.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from nearer.errors import InvalidInput

NAME_MAX = 100
EMAIL_MAX = 254
PASSWORD_MIN = 8
PASSWORD_MAX = 256
PAIR_KINDS = ("partners", "friends", "family")
INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I, which look alike
INVITE_LENGTH = 10

_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
# Characters that change how text is drawn without being seen: bidi overrides and
# isolates, zero-width space, byte-order mark. In a name they could fake what the
# other person reads. (Zero-width joiners stay: emoji and some scripts need them.)
_HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\ufeff]")


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" for ch in text)


def problems(checks: dict[str, Callable[[], object]]) -> dict[str, str]:
    """Run every check and gather what is wrong, field by field, so a form can say it all at once.

    >>> problems({"email": lambda: clean_email("nope"), "name": lambda: clean_name("Sam")})
    {'email': "That doesn't look like an email address (like sam@example.com)."}
    """
    found: dict[str, str] = {}
    for field, check in checks.items():
        try:
            check()
        except InvalidInput as exc:
            found[exc.field or field] = exc.message
    return found


def clean_name(name: str) -> str:
    cleaned = " ".join(unicodedata.normalize("NFC", name).split())
    if not cleaned:
        raise InvalidInput("Please tell us your name (a first name is fine).", field="name")
    if len(cleaned) > NAME_MAX:
        raise InvalidInput(f"Your name can be at most {NAME_MAX} characters.", field="name")
    if _has_control(cleaned) or _HIDDEN.search(cleaned):
        raise InvalidInput("Your name has an invisible character in it; please type it again.", field="name")
    return cleaned


def clean_email(email: str) -> str:
    cleaned = email.strip().lower()
    if not cleaned:
        raise InvalidInput("Please enter your email address.", field="email")
    if len(cleaned) > EMAIL_MAX:
        raise InvalidInput(f"An email address can be at most {EMAIL_MAX} characters.", field="email")
    if not _EMAIL.match(cleaned) or _has_control(cleaned) or _HIDDEN.search(cleaned):
        raise InvalidInput("That doesn't look like an email address (like sam@example.com).", field="email")
    return cleaned


def check_new_password(password: str, *, field: str = "password") -> str:
    if len(password) < PASSWORD_MIN:
        raise InvalidInput(f"Please choose a password of at least {PASSWORD_MIN} characters.", field=field)
    if len(password) > PASSWORD_MAX:
        raise InvalidInput(f"A password can be at most {PASSWORD_MAX} characters.", field=field)
    if not password.strip():
        raise InvalidInput("A password can't be only spaces.", field=field)
    return password


def clean_pair_kind(kind: str) -> str:
    cleaned = kind.strip().lower()
    if cleaned not in PAIR_KINDS:
        raise InvalidInput("Choose whether you are partners, friends or family.", field="kind")
    return cleaned


def clean_invite_code(code: str) -> str:
    """Accepts a code as people type it: any case, with spaces or dashes."""
    cleaned = re.sub(r"[\s-]", "", code).upper()
    if len(cleaned) != INVITE_LENGTH or any(ch not in INVITE_ALPHABET for ch in cleaned):
        raise InvalidInput(
            f"An invite code has {INVITE_LENGTH} letters and digits, like ABCDE-FGH23. Please check it.",
            field="code",
        )
    return cleaned


def format_invite_code(code: str) -> str:
    """ABCDEFGH23 -> ABCDE-FGH23, easier to read aloud."""
    half = INVITE_LENGTH // 2
    return f"{code[:half]}-{code[half:]}"
