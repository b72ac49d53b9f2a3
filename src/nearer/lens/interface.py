"""The JSON Lines interface of spec/acts.md that every tool of the project keeps.

In:  {"id": "...", "text": "...", "context": "the partner's message it answers, optional"}
Out: {"id": "...", "acts": [...], "scores": {act: probability}, "turn": "toward" | "away" | "against" | null}
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from nearer.errors import InvalidInput
from nearer.lens.acts import Reading
from nearer.lens.classify import classify


@dataclass(frozen=True)
class Request:
    id: object
    text: str
    context: str | None


def read_requests(lines: Iterable[str]) -> list[Request]:
    """Parse every line first, so a bad line stops the run before anything is written. Blank lines are skipped."""
    requests = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"line {number}: not valid JSON ({exc.msg}, column {exc.colno})") from exc
        except (ValueError, RecursionError) as exc:  # numbers too long, nesting too deep
            raise InvalidInput(f"line {number}: not JSON that nearer can read ({exc.__class__.__name__})") from exc
        if not isinstance(row, dict):
            raise InvalidInput(f'line {number}: expected a JSON object like {{"id": ..., "text": ...}}')
        if "id" not in row:
            raise InvalidInput(f'line {number}: missing "id"')
        if not isinstance(row["id"], str | int) or isinstance(row["id"], bool):
            raise InvalidInput(f'line {number}: "id" must be a string or a number')
        if not isinstance(row.get("text"), str):
            raise InvalidInput(f'line {number}: "text" must be a string')
        context = row.get("context")
        if context is not None and not isinstance(context, str):
            raise InvalidInput(f'line {number}: "context" must be a string or null')
        for name, value in (("id", row["id"]), ("text", row["text"]), ("context", context)):
            if isinstance(value, str) and not _is_unicode(value):
                raise InvalidInput(f'line {number}: "{name}" has a broken character (a lone surrogate)')
        requests.append(Request(id=row["id"], text=row["text"], context=context))
    return requests


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def split_lines(data: str) -> list[str]:
    """JSON Lines are cut at newlines only: U+2028 and the like may sit inside a JSON string."""
    return [line.removesuffix("\r") for line in data.split("\n")]


def decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{source} is not UTF-8 text (byte {exc.start} can't be read).") from exc


def answer_line(request: Request, reading: Reading) -> str:
    return json.dumps(
        {"id": request.id, "acts": list(reading.acts), "scores": reading.scores, "turn": reading.turn},
        ensure_ascii=False,
    )


def classify_lines(lines: Iterable[str], *, tier: str = "fast") -> Iterator[str]:
    """Answer lines, in the order of the requests. All are read first (so a bad line stops
    everything before any output), then scored together, which lets the lens use every core."""
    requests = read_requests(lines)
    readings = classify([r.text for r in requests], [r.context for r in requests], tier=tier)
    yield from (answer_line(r, reading) for r, reading in zip(requests, readings, strict=True))
