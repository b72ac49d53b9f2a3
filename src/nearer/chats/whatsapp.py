"""WhatsApp's "Export chat" text, from Android or iPhone, as a ``.txt`` or the ``.zip`` the phone makes.

Android: ``31/12/2020, 23:59 - Name: text``; iPhone: ``[31/12/2020, 23:59:10] Name: text``. The date
may be day-first, month-first or year-first, with ``/ . -`` between its parts and a two- or
four-digit year (``13. 6. 2018.`` too); the clock 24-hour or 12-hour (``PM``, ``pm``, ``p.m.``,
``p. m.`` after the time, or in Korean, Chinese and Japanese before it: ``2023. 5. 12. 오후 3:04``,
``2023/5/12 下午3:04``, ``[2023/05/12 午後3:04:05]``), with ordinary, no-break (U+00A0) or narrow
no-break (U+202F) spaces. A message runs on over the following lines until the next line that
starts with a date; past MOST_CHARACTERS its further lines are not kept (``load_chat`` cuts it and
says so), so a message that never ends does not fill memory. A call is only the app's own log line
("Missed voice call", "Video call, 12 min"), never words that start the same way.

Day/month order is read from the file: a first number over 12 means day-first, a second number
over 12 month-first; otherwise the order under which the dates move forward in time wins (read
over the whole file), and the chat gets a warning that it was a guess. ``date_order`` overrides
all of that. Who writes is learnt in the same first pass, from up to ``SAMPLE`` messages once the
order is known; someone who first writes after that is still found (their name is before the
first ": "), unless the line reads like a notice from the app.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from nearer.chats.model import MOST_CHARACTERS, Chat, Kind, Message
from nearer.chats.source import Line, Source
from nearer.errors import InvalidInput

NAME = "whatsapp"
ORDERS = ("dmy", "mdy", "ymd")
SPELLED = {"dmy": "day/month/year", "mdy": "month/day/year", "ymd": "year/month/day"}
EXPORT_CAP = 40_000
SAMPLE = 50_000  # messages the first pass reads to learn the names, once the date order is known
SPACE = "[ \u00a0\u202f]"
MARKS = "\u200e\u200f\ufeff"
BEFORE = {"오전": False, "오후": True, "上午": False, "下午": True, "午前": False, "午後": True}  # before the time: PM?
HEADER = re.compile(
    rf"^[{MARKS}]*(?P<bracket>\[)?"
    r"(?P<a>\d{1,4})(?P<sep>[./-]|\.\s)\s?(?P<b>\d{1,2})(?P=sep)\s?(?P<c>\d{1,4})\.?,?"
    rf"{SPACE}+(?:(?P<before>{'|'.join(BEFORE)}){SPACE}?)?"  # Korean, Chinese, Japanese: 오후 3:04, 下午3:04
    rf"(?P<hour>\d{{1,2}})[:.](?P<minute>\d{{2}})(?:[:.](?P<second>\d{{2}}))?"
    rf"(?:{SPACE}?(?P<half>[AaPp])\.?{SPACE}?[Mm]\.?)?"
    rf"(?(bracket)\]{SPACE}|{SPACE}[-–]{SPACE})"
    r"(?P<rest>.*)$"
)
MEDIA = re.compile(
    r"^(?:<(?:Media omitted|Médias omis|Medien ausgeschlossen|Multimedia omitido|Mídia oculta|Media weggelaten|"
    r"Media omessi|Mídia omitida|Medya dahil edilmedi|Media dihapus|Медиафайл отсутствует|Pominięto multimedia)>|"
    r"<attached: [^>]+>|.+ \((?:file attached|archivo adjunto|Datei angehängt|fichier joint)\)|"
    r"(?:image|video|audio|sticker|GIF|document|Contact card) omitted|"
    r"(?:imagen|video|audio|sticker) omitid[oa]|(?:Bild|Video|Audio|Sticker) weggelassen|"
    r"(?:POLL|ENCUESTA|UMFRAGE):\n.+(?:\n(?:OPTION|OPCIÓN|OPÇÃO): .*)+|(?-i:null))$",  # a poll: question, options
    re.IGNORECASE,
)
DELETED = re.compile(
    r"^(?:This message was deleted|You deleted this message|Se eliminó este mensaje|Eliminaste este mensaje|"
    r"Diese Nachricht wurde gelöscht|Du hast diese Nachricht gelöscht|Ce message a été supprimé|"
    r"Vous avez supprimé ce message|Essa mensagem foi apagada|Você apagou esta mensagem|"
    r"Questo messaggio è stato eliminato|Dit bericht is verwijderd)\.?$",
    re.IGNORECASE,
)
CALL = re.compile(  # the app's call log, exactly: "Missed voice call", "Video call, 12 min" (not "video call tonight?")
    rf"^(?:Missed (?:group )?(?:voice|video) call|(?:Voice|Video|Group voice|Group video) call)"
    rf"(?:,{SPACE}?[{MARKS}]?(?:Tap to call back|Click to call back|No answer|Answered on other device|"
    r"\d+ (?:sec|min|hr|h|m|s)(?: \d+ (?:min|sec|m|s))?))?$"
)
EDITED = re.compile(rf"[{MARKS}]?\s*<(?:This message was edited|Se editó este mensaje|Diese Nachricht wurde bearbeitet|"
                    r"Ce message a été modifié)>$")  # fmt: skip
SYSTEM = re.compile(
    r"Messages and calls are end-to-end encrypted|Messages to this group are now secured|created group|"
    r"created this group|\badded\b|\bremoved\b|\bleft$|joined using this group's invite link|changed the subject|"
    r"changed this group's (?:icon|description|settings)|deleted this group's icon|changed the group description|"
    r"security code (?:with .+ )?changed|changed their phone number|changed to \+?\d|You're now an admin|"
    r"is now an admin|no longer an admin|pinned a message|turned (?:on|off) disappearing messages|"
    r"Disappearing messages|You blocked this contact|You unblocked this contact|is a contact|"
    r"Your security code with|Tap to learn more|Waiting for this message|joined from the community",
    re.IGNORECASE,
)


@dataclass
class _Scan:
    """What a first pass over the file learns: the date order and who the senders are."""

    order: str
    guessed: bool
    senders: set[str]
    headers: int
    bracketed: int  # headers in the iPhone form, "[date, time] "
    last_date: tuple[tuple[str, ...], tuple[int, int, int]] = ((), (0, 0, 0))  # the last date read, kept
    colon_names: bool = False  # whether any sender's name has ": " in it


def _candidates(rest: str) -> list[str]:
    """Every way ``rest`` could start with "Name: ": the text before each ": ", shortest first (at most 3)."""
    found, start = [], 0
    for _ in range(3):
        at = rest.find(": ", start)
        if at <= 0:
            break
        found.append(rest[:at])
        start = at + 2
    return found


def _year(value: int) -> int:
    return value + 2000 if value < 100 else value


def _date(match: re.Match[str], order: str) -> tuple[int, int, int]:
    a, b, c = int(match["a"]), int(match["b"]), int(match["c"])
    if order == "ymd" or len(match["a"]) == 4:
        return _year(a), b, c
    return (_year(c), b, a) if order == "dmy" else (_year(c), a, b)


def scan(source: Source, date_order: str | None = None) -> _Scan:
    if date_order is not None and date_order not in ORDERS:
        raise InvalidInput(f"Unknown date order {date_order!r}: choose dmy, mdy or ymd.", field="date_order")
    first_over_12 = second_over_12 = year_first = False
    backwards = {"dmy": 0, "mdy": 0}
    previous: dict[str, tuple[int, int, int]] = {}
    counts: Counter[str] = Counter()
    headers = bracketed = 0
    for line in source.lines():
        match = HEADER.match(line.text)
        if not match:
            continue
        headers += 1
        bracketed += match["bracket"] is not None
        if not (year_first or first_over_12 or second_over_12):  # the order is still open: keep watching
            a, b = int(match["a"]), int(match["b"])
            year_first |= len(match["a"]) == 4
            first_over_12 |= a > 12
            second_over_12 |= b > 12
            for order in backwards:
                day = _date(match, order)
                if order in previous and day < previous[order]:
                    backwards[order] += 1
                previous[order] = day
        elif not ((first_over_12 and second_over_12) or year_first):
            a, b = int(match["a"]), int(match["b"])
            first_over_12 |= a > 12
            second_over_12 |= b > 12
        for name in _candidates(match["rest"]):
            counts[name] += 1
        settled = date_order is not None or year_first or first_over_12 != second_over_12
        if settled and headers >= SAMPLE:
            break  # the order is known, and the names are learnt from a large enough sample
        if len(counts) > 50_000:  # keep memory flat on huge files: forget names seen once
            counts = Counter({name: n for name, n in counts.items() if n > 1})
    guessed = False
    if date_order:
        order = date_order
    elif year_first:
        order = "ymd"
    elif first_over_12 and not second_over_12:
        order = "dmy"
    elif second_over_12 and not first_over_12:
        order = "mdy"
    else:
        order = "mdy" if backwards["mdy"] < backwards["dmy"] else "dmy"
        guessed = headers > 1 and backwards["mdy"] == backwards["dmy"]
    senders = {name for name, n in counts.items() if n >= 2 or headers < 3}
    # A name with ": " in it ("Dr. Ana: María") is a name only when nearly every line that starts with
    # its first part goes on with the rest; otherwise it is a name and the start of a message
    # ("Lena: update: ...", written a few times).
    colon_names = {name for name in senders if ": " in name and counts[name] >= 0.9 * counts[name.split(": ", 1)[0]]}
    senders = {name for name in senders if ": " not in name} | colon_names
    return _Scan(order, guessed, senders, headers, bracketed, colon_names=bool(colon_names))


def looks_like(head: str) -> str | None:
    """None when the start of a file reads as a WhatsApp export; otherwise why not."""
    lines = [line for line in head.splitlines()[:50] if line.strip()]
    if not lines:
        return "the file is empty"
    if any(HEADER.match(line) for line in lines):
        return None
    return "no line starts with a WhatsApp date and time (like '31/12/2020, 23:59 - ' or '[31/12/2020, 23:59:10] ')"


def read(source: Source, date_order: str | None = None) -> Chat:
    """The whole chat (see ``messages`` to stream one message at a time instead)."""
    chat = Chat(format=NAME, messages=[])
    chat.messages.extend(messages(source, chat, date_order))
    chat.people = ()
    chat.__post_init__()
    return chat


def messages(source: Source, chat: Chat, date_order: str | None = None) -> Iterator[Message]:
    """The messages one at a time, noting warnings and unreadable lines on ``chat`` as it goes."""
    found = scan(source, date_order)
    if found.headers == 0:
        raise InvalidInput(f"{source.name} has no WhatsApp messages: {looks_like(source.head())}.")
    chat.format = f"{NAME}-ios" if found.bracketed * 2 > found.headers else f"{NAME}-android"
    if found.guessed:
        chat.warnings.append(
            f"Every date in this chat could be read day-first or month-first; it was read as {SPELLED[found.order]}. "
            "If the dates look wrong, import it again with --date-order dmy or --date-order mdy."
        )
    pending: tuple[Line, re.Match[str], list[str]] | None = None
    count = size = 0  # size: characters kept of the pending message's later lines
    for line in source.lines():
        if line.bad_bytes:
            chat.note_problem(line.number, "has bytes that are not UTF-8; they show as \ufffd")
        match = HEADER.match(line.text)
        if match:
            if pending is not None:
                message = _message(*pending, found, chat)
                if message is not None:
                    count += 1
                    yield message
            pending, size = (line, match, [match["rest"]]), 0
        elif pending is not None:
            if size <= MOST_CHARACTERS:  # past it the message is cut (and that is reported): memory stays flat
                pending[2].append(line.text)
                size += len(line.text) + 1
        elif line.text.strip():
            chat.note_problem(line.number, "comes before the first message and has no date; skipped")
    if pending is not None:
        message = _message(*pending, found, chat)
        if message is not None:
            count += 1
            yield message
    if EXPORT_CAP - 500 <= count <= EXPORT_CAP + 500:
        chat.warnings.append(
            f"This chat has {count:,} messages, close to the {EXPORT_CAP:,} WhatsApp puts in one export: "
            "older messages may be missing. Exporting 'without media' can include more."
        )


# How every placeholder ends (or, for a poll, starts), lower-cased: a message that ends otherwise is words,
# and the three patterns above need not be tried on it. Most messages are words, so this is most of the work.
_MEDIA_ENDS = (">", ")", "omitted", "omitido", "omitida", "weggelassen", "null")
_POLL_STARTS = ("poll:", "encuesta:", "umfrage:")
_DELETED_LONGEST = 40


def _placeholder(bare: str) -> Kind:
    """Media, deleted or a call when the message is one of the app's placeholders for them; else text."""
    lowered = bare[-12:].lower()
    if (lowered.endswith(_MEDIA_ENDS) or bare[:9].lower().startswith(_POLL_STARTS)) and MEDIA.match(bare):
        return Kind.media
    if len(bare) <= _DELETED_LONGEST and DELETED.match(bare):
        return Kind.deleted
    if bare[:1] in "MVG" and CALL.match(bare):
        return Kind.call
    return Kind.text


def _message(line: Line, match: re.Match[str], parts: list[str], found: _Scan, chat: Chat) -> Message | None:
    try:
        a, b, c, hours, minutes, seconds, half, before, head = match.group(  # one call: this runs per message
            "a", "b", "c", "hour", "minute", "second", "half", "before", "rest"
        )
        if (a, b, c) != found.last_date[0]:
            found.last_date = ((a, b, c), _date(match, found.order))
        year, month, day = found.last_date[1]
        hour, minute, second = int(hours), int(minutes), int(seconds or 0)
        if half or before:
            if hour > 12 or (hour == 0 and not before):  # Japanese counts 午前0:10 from 0
                raise ValueError("hour")
            hour = hour % 12 + (12 if (BEFORE[before] if before else half in "Pp") else 0)
        when = datetime(year, month, day, hour, minute, second)
    except ValueError:
        chat.note_problem(line.number, f"has a date or time that does not exist ({line.text[:40]!r}); skipped")
        return None
    rest = "\n".join(parts)  # one past MOST_CHARACTERS is a text message: load_chat cuts it, and says so
    if found.colon_names:
        candidates = _candidates(head)
        sender = next((name for name in reversed(candidates) if name in found.senders), None)
    else:  # no name has ": " in it, so the first ": " ends the name
        at = head.find(": ")
        candidates = [head[:at]] if at > 0 else []
        sender = candidates[0] if candidates and candidates[0] in found.senders else None
    if sender is None and candidates:
        after = rest[len(candidates[0]) + 2 :]
        if after.startswith("\u200e"):  # an iPhone notice, credited to the chat's own name
            return Message(when, None, after.strip().strip(MARKS).strip(), Kind.system, line=line.number)
        if not SYSTEM.search(rest):
            sender = candidates[0]  # someone who wrote only once
    text = rest[len(sender) + 2 :] if sender is not None else rest
    edited = text.endswith(">") and bool(EDITED.search(text))
    if edited:
        text = EDITED.sub("", text)
    bare = text.strip().strip(MARKS).strip()
    if sender is not None:
        sender = sender.strip(MARKS).removeprefix("~").strip(" \u00a0\u202f") or sender
    # On iPhone, the app's notices are credited to the chat's own name and start with a left-to-right mark.
    marked = text.startswith("\u200e") and not (MEDIA.match(bare) or DELETED.match(bare) or CALL.match(bare))
    if sender is None or marked:
        return Message(when, None, bare, Kind.system, line=line.number)
    kind = _placeholder(bare)
    return Message(when, sender, bare if kind is not Kind.text else text.strip(MARKS), kind, edited, line.number)
