"""Where an export's text comes from: a file, or the ``.txt`` inside the ``.zip`` a phone makes.

Lines are read one at a time (never the whole file), so a 2 GB export does not need 2 GB of
memory; a line longer than ``LONGEST_LINE`` characters keeps its start and is marked ``cut``, so
neither does a file with no line breaks. Bytes that are not UTF-8 are shown as U+FFFD and the line
is reported, never dropped. A zip member is read only up to ``MEMBER_LIMIT`` bytes unpacked (checked
against its header before it is opened, and again while it is read, since a header can lie), and a
damaged, encrypted or oddly compressed zip is an ``InvalidInput`` that says so, not a traceback.
JSON is read through a ``JsonGuard`` (``Source.json``), which refuses the nesting and the endless
values that would make a streaming parser's memory grow out of proportion to the file.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from array import array
from collections.abc import Iterator
from functools import partial
from itertools import accumulate
from pathlib import Path
from typing import IO, BinaryIO, NamedTuple

from nearer.errors import InvalidInput

BOM = "\ufeff"
LONGEST_LINE = 1 << 20  # characters of one line that are kept; the rest of a longer line is skipped
MEMBER_LIMIT = 4 << 30  # bytes a zip member may unpack to (a module setting, so a test can lower it)
MOST_DEPTH = 64  # levels of nesting in a JSON export (Telegram's deepest is under 10)
LONGEST_VALUE = 4 << 20  # bytes of one JSON string or number (a message is at most a few KB)
_ESCAPED = re.compile("[\udc80-\udcff]")
_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_NOT_MARKS = bytes(sorted(set(range(256)) - set(b'[]{}"')))
_VALUE_BYTES = bytes(sorted(set(range(256)) - set(b' \t\n\r,:[]{}"')))  # what a number, true or null is made of
_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")  # as signed bytes: +1, +1, -1, -1
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError)  # what a broken zip member raises


class Line(NamedTuple):
    number: int  # counted from 1
    text: str  # without its line ending
    bad_bytes: bool = False
    cut: bool = False  # the line was longer than LONGEST_LINE: ``text`` is its start


def amount(size: int) -> str:
    """A number of bytes (or characters) as people say it: "4 GB", "64 KB", "900 bytes"."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size:,} bytes"


class _Member(io.RawIOBase):
    """A zip member as it is read: never more than MEMBER_LIMIT bytes, whatever its header says, and a
    member that is damaged turns into an ``InvalidInput`` naming the file."""

    def __init__(self, archive: zipfile.ZipFile, inner: IO[bytes], name: str, limit: int) -> None:
        super().__init__()
        self._archive, self._inner, self._name, self._limit, self._size = archive, inner, name, limit, 0

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        """Bytes unpacked so far (for progress; a member can't seek)."""
        return self._size

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        try:
            data = self._inner.read(len(buffer))
        except _DAMAGED as exc:
            raise InvalidInput(_damaged(self._name, exc)) from exc
        self._size += len(data)
        if self._size > self._limit:
            raise InvalidInput(_too_big(self._name, self._limit))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._inner.close()
            self._archive.close()
        super().close()


class JsonGuard:
    """JSON bytes on their way to the streaming parser, watched for what would make it take memory out of
    all proportion to the file: nesting deeper than MOST_DEPTH (ijson keeps a path for each level, so a
    few hundred KB of "[[[[" would take gigabytes), or a string or number running on for more than
    LONGEST_VALUE (each is kept whole). Either is an ``InvalidInput``; the bytes pass through unchanged.

    Each chunk is boiled down with bytes methods (no loop over its bytes): escapes dropped, then every
    byte but brackets and quotes, then the strings, leaving the brackets outside strings."""

    def __init__(self, inner: BinaryIO, name: str) -> None:
        self._inner, self._name = inner, name
        self._depth = 0
        self._in_string = False
        self._skip = False  # the last chunk ended on a backslash: the first byte of this one is escaped
        self._running = 0  # bytes of the string, or number, that ran through whole chunks so far

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes (at most LONGEST_LINE at a time, so that no read takes the whole file)."""
        data = self._inner.read(min(size, LONGEST_LINE) if size >= 0 else LONGEST_LINE)
        if data:
            self._scan(data)
        return data

    def close(self) -> None:
        self._inner.close()

    def __enter__(self) -> JsonGuard:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _scan(self, chunk: bytes) -> None:
        if self._skip:
            chunk, self._skip = chunk[1:], False
        plain = self._unescaped(chunk)
        marks = plain.translate(None, _NOT_MARKS)  # brackets and quotes
        quotes = marks.count(b'"')
        if quotes == 0 and (self._in_string or not plain.translate(None, _VALUE_BYTES)):
            self._running += len(chunk)  # the whole chunk is part of one string, or one number
            if self._running > LONGEST_VALUE:
                raise InvalidInput(f"{self._name} has a value longer than {amount(LONGEST_VALUE)}, which no chat "
                                   "export has; it may be damaged, or not a chat export.")  # fmt: skip
            if self._in_string:
                return
        else:
            self._running = 0
        ends_in_string = self._in_string != (quotes % 2 == 1)
        marks = (b'"' if self._in_string else b"") + marks + (b'"' if ends_in_string else b"")
        self._in_string = ends_in_string
        marks = marks.replace(b'""', b"")  # the strings with no bracket in them
        if b'"' in marks:
            marks = b"".join(marks.split(b'"')[::2])  # and those with one
        steps = array("b", marks.translate(_STEPS))  # +1 a level in, -1 a level out
        if steps:
            deepest = max(accumulate(steps, initial=self._depth))
            self._depth += sum(steps)
            if deepest > MOST_DEPTH:
                raise InvalidInput(f"{self._name} is nested more than {MOST_DEPTH} levels deep, which no chat "
                                   "export is; it may be damaged, or not a chat export.")  # fmt: skip

    def _unescaped(self, chunk: bytes) -> bytes:
        """The chunk without its escapes (a backslash and the byte after it), so every quote left is a string's."""
        kept, start = [], 0
        at = chunk.find(b"\\")
        while at >= 0:
            kept.append(chunk[start:at])
            start = at + 2
            if len(kept) > 64:  # many: let the pattern take the rest
                plain = b"".join(kept) + _ESCAPE.sub(b"", chunk[at:])
                if plain.endswith(b"\\"):  # a last backslash, left alone: it escapes the next chunk's first byte
                    plain, self._skip = plain[:-1], True
                return plain
            at = chunk.find(b"\\", start)
        if not kept:
            return chunk
        self._skip = start > len(chunk)  # the last byte was a backslash: it escapes the next chunk's first
        return b"".join([*kept, chunk[start:]])


def _damaged(name: str, exc: Exception) -> str:
    return f"{name} is damaged and can't be unpacked ({exc}); export the chat again."


def _too_big(name: str, limit: int) -> str:
    return (f"{name} unpacks to more than {amount(limit)}, the most nearer reads from one file in a zip; "
            "it may be damaged or not a chat export.")  # fmt: skip


class Source:
    """An export file that can be read more than once (importers that need two passes read twice)."""

    def __init__(self, path: Path, member: str | None = None) -> None:
        self.path = path
        self.member = member
        self.name = f"{path.name}:{member}" if member else path.name
        self._reading: BinaryIO | None = None  # the latest handle opened, and its size: how far reading has come
        self._size = 0

    @classmethod
    def open(cls, path: Path, suffixes: tuple[str, ...] = (".txt",)) -> Source:
        """``path`` itself, or for a zip its one member with one of ``suffixes`` (the chat, not the media)."""
        if not path.exists():
            raise InvalidInput(f"There is no file {path}.")
        if path.is_dir():
            raise InvalidInput(f"{path} is a folder; give the exported file itself.")
        if not zipfile.is_zipfile(path):
            return cls(path)
        try:
            with zipfile.ZipFile(path) as archive:
                names = [n for n in archive.namelist() if n.lower().endswith(suffixes) and not n.endswith("/")]
        except (zipfile.BadZipFile, OSError) as exc:
            raise InvalidInput(f"{path.name} looks like a zip file but can't be opened: {exc}.") from exc
        if not names:
            raise InvalidInput(f"{path.name} has no chat file inside ({' or '.join(suffixes)}).")
        chat_first = sorted(names, key=lambda n: (not n.endswith("_chat.txt"), "chat" not in n.lower(), len(n)))
        return cls(path, chat_first[0])

    def binary(self) -> BinaryIO:
        if self.member is None:
            handle = self.path.open("rb")
            self._reading, self._size = handle, os.fstat(handle.fileno()).st_size
            return handle
        try:
            archive = zipfile.ZipFile(self.path)
        except _DAMAGED as exc:
            raise InvalidInput(f"{self.path.name} looks like a zip file but can't be opened: {exc}.") from exc
        try:
            member = self._open_member(archive)
        except BaseException:
            archive.close()
            raise
        self._reading, self._size = member, archive.getinfo(self.member or "").file_size
        return member

    def fraction_read(self) -> float:
        """How far the latest reading of the file has come, from 0 to 1: a guide for progress, not a count."""
        if self._reading is None:
            return 0.0
        try:
            position = self._reading.tell()
        except (OSError, ValueError):  # closed: that reading is over
            return 1.0
        return min(1.0, position / self._size) if self._size else 1.0

    def _open_member(self, archive: zipfile.ZipFile) -> BinaryIO:
        limit = MEMBER_LIMIT
        try:
            info = archive.getinfo(self.member or "")
            if info.file_size > limit:
                raise InvalidInput(_too_big(self.name, limit))
            if info.flag_bits & 0x1:
                raise InvalidInput(f"{self.name} is protected by a password; export the chat again without one, "
                                   "or unzip it yourself and give the chat file.")  # fmt: skip
            inner = archive.open(info)
        except KeyError as exc:
            raise InvalidInput(f"{self.path.name} has no file {self.member} inside.") from exc
        except RuntimeError as exc:  # NotImplementedError too: a compression zipfile can't unpack
            raise InvalidInput(f"{self.name} is compressed in a way nearer can't unpack ({exc}); unzip it "
                               "yourself and give the chat file.") from exc  # fmt: skip
        except _DAMAGED as exc:
            raise InvalidInput(_damaged(self.name, exc)) from exc
        return io.BufferedReader(_Member(archive, inner, self.name, limit))

    def json(self) -> JsonGuard:
        """The bytes for a streaming JSON parser, refused part way (``InvalidInput``) where they nest too deep
        or hold a value too long to be an export's, so that no file takes memory out of proportion to it."""
        return JsonGuard(self.binary(), self.name)

    def head(self, size: int = 65536) -> str:
        """The first bytes as text, to sniff the format from."""
        with self.binary() as handle:
            return handle.read(size).decode("utf-8", errors="replace").lstrip(BOM)

    def lines(self) -> Iterator[Line]:
        # Decoded in bulk; a byte that is not UTF-8 comes through as a lone surrogate, which marks its line.
        longest, escaped = LONGEST_LINE, _ESCAPED
        with self.binary() as handle, io.TextIOWrapper(handle, "utf-8", "surrogateescape", newline="\n") as text:
            reads = iter(partial(text.readline, longest), "")
            for number, raw in enumerate(reads, 1):
                cut = len(raw) == longest and raw[-1] != "\n" and _skip_rest(reads)
                line = raw.rstrip("\r\n")
                if number == 1:
                    line = line.lstrip(BOM)
                if line.isascii() or not escaped.search(line):
                    yield Line(number, line, False, True) if cut else Line(number, line)
                else:
                    yield Line(number, escaped.sub("\ufffd", line), True, cut)


def _skip_rest(reads: Iterator[str]) -> bool:
    """Read past the rest of a line that was too long to keep; whether there was any rest."""
    skipped = False
    for chunk in reads:
        skipped = True
        if chunk.endswith("\n"):
            break
    return skipped
