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
from nearer.lens.classify import BATCH, classify


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
            raise InvalidInput(f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
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
        requests.append(Request(id=row["id"], text=row["text"], context=context))
    return requests


def answer_line(request: Request, reading: Reading) -> str:
    return json.dumps(
        {"id": request.id, "acts": list(reading.acts), "scores": reading.scores, "turn": reading.turn},
        ensure_ascii=False,
    )


def classify_lines(lines: Iterable[str], *, tier: str = "fast") -> Iterator[str]:
    """Answer lines, in the order of the requests, a batch at a time."""
    requests = read_requests(lines)
    for start in range(0, len(requests), BATCH):
        chunk = requests[start : start + BATCH]
        readings = classify([r.text for r in chunk], [r.context for r in chunk], tier=tier)
        yield from (answer_line(r, reading) for r, reading in zip(chunk, readings, strict=True))
