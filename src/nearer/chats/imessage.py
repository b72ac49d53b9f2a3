"""iMessage conversations as imessage-exporter (github.com/ReagentX/imessage-exporter) writes them with
``--format txt``: one ``.txt`` file a conversation, named after the contact, the group or the number.

Each message is a block, and a blank line ends it::

    May 17, 2022  5:29:42 PM (Read by them after 1 hour, 49 seconds)
    Me
    Hello world

The first line is the time (``%b %d, %Y %l:%M:%S %p``: a space-padded hour, always in English) with an
optional read receipt, the second the sender (``Me`` for your own), then the message's parts, one or more
lines each: words, an attachment's path (``attachments/12/IMG_0042.HEIC``, or where it lies on the Mac),
``Sticker from Sam: ...``, ``Tapbacks:`` (``Reactions:`` in older versions) with one ``Loved by Sam`` a line,
``Sent with Confetti``. A reply is written twice: indented by four spaces under the message it answers, and
again in its own place ending ``This message responded to an earlier message.``; only the second is read.
An edited part starts with the original's time and words, then ``Edited 30 seconds later: ...`` lines,
the last being the words as they stand; an unsent part reads ``They unsent this message part ...!``;
``This message was deleted from the conversation!`` marks a message deleted on this Mac. A notice of the
app is one line after the time: ``May 17, 2022  5:29:42 PM Sam named the conversation Trip``, or
``... You unsent a message!``. Times are this computer's local time without a zone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from nearer.chats.model import MOST_CHARACTERS, Chat, Kind, Message
from nearer.chats.source import Line, Source

NAME = "imessage"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
STAMP = (
    rf"(?P<month>{'|'.join(MONTHS)}) (?P<day>\d{{2}}), (?P<year>\d{{4}}) "
    r"(?P<hour>[ \d]\d):(?P<minute>\d{2}):(?P<second>\d{2}) (?P<half>[AP]M)"
)
MESSAGE_START = re.compile(rf"^{STAMP}(?: \(Read by .+ after .*\))?$")
NOTICE_START = re.compile(rf"^{STAMP} (?P<notice>(?!\(Read by ).+)$")
EDIT = re.compile(r"^Edited .+ later: (?P<text>.*)$")
UNSENT_PART = re.compile(r"^.+ unsent this message part(?: .+ after sending)?!$")
UNSENT = re.compile(r"^(?P<who>.+) unsent a message!$")
ATTACHMENT = re.compile(r"^(?:attachments/|~/|/)\S.*$|^Attachment missing!$")
STICKER = re.compile(r"^(?:\S+ )?Sticker from .+?: .*$")
EFFECT = re.compile(
    r"^Sent with (?:Confetti|Echo|Fireworks|Balloons|Heart|Lasers|Shooting Sta(?:r|rt)|Sparkles|Spotlight|Slam|"
    r"Loud|Gentle|Invisible Ink)$"
)
REPLY_NOTE = "This message responded to an earlier message."
DELETED_NOTE = "This message was deleted from the conversation!"
UNREADABLE = "Unable to format announcement!"


@dataclass
class _Block:
    """A message or notice: its first line, the time on it, and every line after it up to the next."""

    start: Line
    match: re.Match[str]
    lines: list[Line] = field(default_factory=list)
    size: int = 0  # characters in ``lines``; past MOST_CHARACTERS, further lines are not kept


def looks_like(head: str) -> str | None:
    lines = head.splitlines()[:200]
    if not any(line.strip() for line in lines):
        return "the file is empty"
    for at, line in enumerate(lines):
        after_blank = at == 0 or not lines[at - 1].strip()
        if after_blank and (MESSAGE_START.match(line) or (at == 0 and NOTICE_START.match(line))):
            return None
    return "no block starts with an imessage-exporter time (like 'May 17, 2022  5:29:42 PM')"


def _time(match: re.Match[str]) -> datetime:
    hour = int(match["hour"])
    if not 1 <= hour <= 12:
        raise ValueError("hour")
    hour = hour % 12 + (12 if match["half"] == "PM" else 0)
    month = MONTHS.index(match["month"]) + 1
    return datetime(int(match["year"]), month, int(match["day"]), hour, int(match["minute"]), int(match["second"]))


def read(source: Source) -> Chat:
    chat = Chat(format=NAME, messages=[])
    chat.messages.extend(messages(source, chat))
    chat.people = ()
    chat.__post_init__()
    return chat


def messages(source: Source, chat: Chat) -> Iterator[Message]:
    """The messages one at a time, noting unreadable lines on ``chat`` as it goes."""
    block: _Block | None = None
    after_blank = True
    unreadable = False  # inside a notice the exporter could not write out
    for line in source.lines():
        if line.bad_bytes:
            chat.note_problem(line.number, "has bytes that are not UTF-8; they show as \ufffd")
        match = (MESSAGE_START.match(line.text) or NOTICE_START.match(line.text)) if after_blank else None
        if match:
            if block is not None and (message := _message(block, chat)) is not None:
                yield message
            block, unreadable = _Block(line, match), False
        elif after_blank and line.text == UNREADABLE:
            chat.note_problem(line.number, "is a notice imessage-exporter could not write out; skipped")
            unreadable = True
        elif unreadable:
            if line.text.strip():
                chat.note_problem(line.number, "follows a notice imessage-exporter could not write out; skipped")
        elif block is not None:
            if block.size <= MOST_CHARACTERS:  # past it the message is cut (and that is reported)
                block.lines.append(line)
                block.size += len(line.text) + 1
        elif line.text.strip():
            chat.note_problem(line.number, "comes before the first message and has no time; skipped")
        after_blank = not line.text.strip()
    if block is not None and (message := _message(block, chat)) is not None:
        yield message


def _message(block: _Block, chat: Chat) -> Message | None:
    """The block's message, cut to MOST_CHARACTERS (and the cut noted) when the block ran on longer."""
    message = _block_message(block, chat)
    if message is not None and block.size > MOST_CHARACTERS:
        chat.note_cut(block.start.number)
        message.text = message.text[:MOST_CHARACTERS]
    return message


def _block_message(block: _Block, chat: Chat) -> Message | None:
    try:
        when = _time(block.match)
    except ValueError:
        chat.note_problem(block.start.number, f"has a time that does not exist ({block.start.text[:40]!r}); skipped")
        return None
    lines = [line.text for line in block.lines]
    while lines and not lines[-1].strip():
        lines.pop()
    notice = block.match.groupdict().get("notice")
    if notice is not None:
        text = "\n".join([notice, *lines]).strip()
        if unsent := UNSENT.match(text):
            who = unsent["who"]
            return Message(when, "Me" if who == "You" else who, text, Kind.deleted, line=block.start.number)
        return Message(when, None, text, Kind.system, line=block.start.number)
    if not lines or not lines[0].strip():
        chat.note_problem(block.start.number, "has a time but no sender; skipped")
        return None
    sender, body = lines[0].strip(), _body(lines[1:])
    if not (body.text or body.files or body.deleted or body.call):
        chat.note_problem(block.start.number, "has no words or attachment; skipped")
        return None
    edited = body.edited is not None
    if body.call:
        return Message(when, sender, body.call, Kind.call, edited, block.start.number)
    if body.deleted:
        return Message(when, sender, body.text or "This message was unsent.", Kind.deleted, edited, block.start.number)
    if body.text:
        return Message(when, sender, body.text, Kind.text, edited, block.start.number)
    return Message(when, sender, ", ".join(body.files), Kind.media, edited, block.start.number)


@dataclass
class _Body:
    text: str = ""
    files: list[str] = field(default_factory=list)
    deleted: bool = False
    call: str = ""  # "SharePlay", the one call-like thing the export shows
    edited: list[str] | None = None  # every version's words, when a part was edited


def _body(lines: list[str]) -> _Body:
    body = _Body()
    kept: list[str] = []
    at = 0
    while at < len(lines):
        line = lines[at]
        at += 1
        if line.startswith("    ") and MESSAGE_START.match(line[4:]):  # a reply, read in its own place
            while at < len(lines) and (lines[at].startswith("    ") or not lines[at].strip()):
                at += 1
        elif line in ("Tapbacks:", "Reactions:"):
            while at < len(lines) and lines[at].strip():
                at += 1
        elif line == "SharePlay Message":
            body.call = "SharePlay"
            if at < len(lines) and lines[at] == "Ended":
                at += 1
        elif line in ("Started sharing location!", "Stopped sharing location!"):
            body.files.append(line.lower().rstrip("!"))
        elif line == REPLY_NOTE or EFFECT.match(line):
            continue
        elif line == DELETED_NOTE or UNSENT_PART.match(line):
            body.deleted = True
        elif STICKER.match(line):
            body.files.append("sticker")
        elif ATTACHMENT.match(line):
            body.files.append(line.rsplit("/", 1)[-1])
            if at < len(lines) and lines[at].startswith("Transcription: "):
                at += 1
        elif not kept and body.edited is None and (first := NOTICE_START.match(line)):
            body.edited = [first["notice"]]  # an edited part: its original words after the time
        elif body.edited is not None and (edit := EDIT.match(line)):
            body.edited.append(edit["text"])
        elif body.edited is not None and not kept:
            body.edited[-1] += "\n" + line
        else:
            kept.append(line)
    if body.edited is not None:
        kept.insert(0, body.edited[-1].rstrip("\n"))
    body.text = "\n".join(kept).strip("\n")
    return body
