"""Reading small values that people type into forms, the same way everywhere.

``str.isdigit`` is true for "²" and "٣", which ``int`` then refuses or reads as another number:
a form field is a whole number only when it is ASCII digits, and not too many of them.
"""

from __future__ import annotations

import re

WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


def whole_number(text: object) -> int | None:
    """The number a field holds, or None when it holds anything else (blank, signs, other digits, too long).

    >>> whole_number(" 42 "), whole_number("²"), whole_number("-3"), whole_number("1e3")
    (42, None, None, None)
    """
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text
    if not isinstance(text, str) or WHOLE_NUMBER.fullmatch(text.strip()) is None:
        return None
    return int(text.strip())
