"""The JSON summary of an analysis: a documented, versioned schema (``docs/summary-schema.md``).

Its top-level keys are a contract: ``schema_version``, ``format``, ``people``, ``messages``,
``first_message_at``, ``last_message_at``, ``unparsed_lines``, ``acts``, ``turns``. New keys may be
added within a version; renaming or removing one raises ``SCHEMA_VERSION``.
"""

from __future__ import annotations

from typing import Any

from nearer.insight.analysis import Analysis
from nearer.insight.replies import SYSTEM

SCHEMA_VERSION = 1


def summary(analysis: Analysis) -> dict[str, Any]:
    chat = analysis.chat
    people = [name for name in chat.people if name in analysis.people]
    return {
        "schema_version": SCHEMA_VERSION,
        "format": chat.format,
        "people": people,
        "messages": {name: analysis.people[name].messages for name in people},
        "first_message_at": analysis.first.isoformat() if analysis.first is not None else None,
        "last_message_at": analysis.last.isoformat() if analysis.last is not None else None,
        "unparsed_lines": chat.problem_count,
        "acts": {name: dict(analysis.people[name].acts) for name in people},
        "turns": {name: dict(analysis.people[name].turns) for name in people},
        "words": {name: analysis.people[name].words for name in people},
        "messages_read": analysis.read,
        "system_lines": int((analysis.kind == SYSTEM).sum()),
        "warnings": list(chat.warnings),
        "unparsed": [{"line": p.line, "reason": p.reason} for p in chat.problems],
    }
