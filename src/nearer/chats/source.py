"""Where an export's text comes from: a file, or the ``.txt`` inside the ``.zip`` a phone makes.

Lines are read one at a time (never the whole file), so a 2 GB export does not need 2 GB of
memory. Bytes that are not UTF-8 are shown as U+FFFD and the line is reported, never dropped.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from nearer.errors import InvalidInput

BOM = "\ufeff"
_ESCAPED = re.compile("[\udc80-\udcff]")


class Line(NamedTuple):
    number: int  # counted from 1
    text: str  # without its line ending
    bad_bytes: bool = False


class Source:
    """An export file that can be read more than once (importers that need two passes read twice)."""

    def __init__(self, path: Path, member: str | None = None) -> None:
        self.path = path
        self.member = member
        self.name = f"{path.name}:{member}" if member else path.name

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
            return self.path.open("rb")
        archive = zipfile.ZipFile(self.path)
        return archive.open(self.member)  # type: ignore[return-value]

    def head(self, size: int = 65536) -> str:
        """The first bytes as text, to sniff the format from."""
        with self.binary() as handle:
            return handle.read(size).decode("utf-8", errors="replace").lstrip(BOM)

    def lines(self) -> Iterator[Line]:
        # Decoded in bulk; a byte that is not UTF-8 comes through as a lone surrogate, which marks its line.
        with self.binary() as handle, io.TextIOWrapper(handle, "utf-8", "surrogateescape", newline="\n") as text:
            for number, raw in enumerate(text, 1):
                line = raw.rstrip("\r\n")
                if number == 1:
                    line = line.lstrip(BOM)
                if line.isascii() or not _ESCAPED.search(line):
                    yield Line(number, line)
                else:
                    yield Line(number, _ESCAPED.sub("\ufffd", line), bad_bytes=True)
