"""Reports kept for the web: the importer's words put as what to do on the web, and what it noticed."""

from __future__ import annotations

import pytest

from nearer.insight.saved import web_words

# What the importers say today (nearer.chats), written for the command line.
FOR_THE_COMMAND_LINE = {
    "Every date in this chat could be read day-first or month-first; it was read as day/month/year. "
    "If the dates look wrong, import it again with --date-order dmy or --date-order mdy.": (
        "If the dates look wrong, read it again and choose how dates are written."
    ),
    "inbox.zip holds 2 Messenger conversations; pick one with --chat NAME: ana_1, bo_2.": (
        "inbox.zip holds 2 Messenger conversations; say which one to read (Which chat): ana_1, bo_2."
    ),
    "signal.zip holds 3 Signal chats; pick one with --chat NAME: Ana, Bo, Cy.": (
        "signal.zip holds 3 Signal chats; say which one to read (Which chat): Ana, Bo, Cy."
    ),
    "result.json is a whole-account export with 2 chats; pick one with --chat NAME: Robin, Mum.": (
        "result.json is a whole-account export with 2 chats; say which one to read (Which chat): Robin, Mum."
    ),
}


@pytest.mark.parametrize("said", FOR_THE_COMMAND_LINE)
def test_no_command_line_flag_reaches_the_web(said: str) -> None:
    shown = web_words(said)
    assert "--" not in shown and shown.endswith(FOR_THE_COMMAND_LINE[said])


def test_other_words_are_left_as_they_are() -> None:
    said = "notes.txt has no WhatsApp messages: no line starts with a date and time."
    assert web_words(said) == said
