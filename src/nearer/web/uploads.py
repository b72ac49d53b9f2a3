"""Receiving a chat export, the one large thing a person sends: only from a member of the pair it is
sent to, and straight from the request to a private file in the app's upload folder, a chunk at a time.

Nothing of the body is read before the route knows who is asking, that they belong to the pair, and
that they have room for another report (``Jobs.reserve``); only then may the body be larger than any
other request's (``allow_upload``). The folder (``Settings.upload_folder``) holds only files being
received or read: every path that fails removes its file, and the app empties the folder when it
starts, so that a crash leaves nothing behind for long.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import IO

from fastapi import Request
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from nearer.errors import CannotStart, Conflict, InvalidInput, StoreError
from nearer.people import pairs
from nearer.web.auth import Viewer
from nearer.web.jobs import Job
from nearer.web.middleware import allow_upload
from nearer.web.state import AppState, app_state

FIELD_BYTES = 10_000  # a text field beside the file (a name, a token) is short
MOST_FIELDS = 20
EXPORT_FIELD = "export"


@dataclass
class Received:
    """An upload once its body has arrived: the text fields, and the export's file and its name on the device."""

    job: Job
    fields: dict[str, str] = field(default_factory=dict)
    path: Path | None = None
    name: str = ""
    size: int = 0

    def text(self, name: str) -> str:
        return self.fields.get(name, "").strip()

    def export(self) -> tuple[Path, str]:
        """The export's file and name, or InvalidInput when none came or it is empty."""
        if self.path is None:
            raise InvalidInput("Choose the exported chat file to read.", field=EXPORT_FIELD)
        if self.size == 0:
            raise InvalidInput(f"{self.name} is empty.", field=EXPORT_FIELD)
        return self.path, self.name

    def remove_file(self) -> None:
        if self.path is not None:
            self.path.unlink(missing_ok=True)


def empty_folder(folder: Path) -> None:
    """Make the upload folder, private to this user, and remove whatever an earlier run left in it."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for left in folder.iterdir():
            if left.is_dir() and not left.is_symlink():
                shutil.rmtree(left)
            else:
                left.unlink(missing_ok=True)
    except OSError as exc:
        raise CannotStart(f"nearer can't prepare its upload folder {folder}: {exc.strerror or exc}.") from exc


async def receive_export(request: Request, viewer: Viewer, pair_id: str) -> Received:
    """Check who is asking, take a place among their running reports, then receive the body.

    NotFound for anyone outside the pair and Conflict for a person with too many reports being read, both
    before the file is read. The caller owns what comes back: it starts the job, or removes the file and
    releases the job."""
    state = app_state(request)
    await run_in_threadpool(_check_member, state, viewer, pair_id)
    allow_upload(request)  # a member of the pair: the body may be as large as an export may be
    try:
        job = state.jobs.reserve(viewer.person_id, pair_id)
    except Conflict:
        await _discard_body(request)  # so that a browser still sending the file sees the answer
        raise
    received = Received(job)
    try:
        await _Parts(received, state.settings.upload_folder).read(request)
    except BaseException:
        received.remove_file()
        state.jobs.release(job)
        raise
    return received


def give_up(state: AppState, received: Received) -> None:
    """Remove the file and give back the job's place: the upload is refused."""
    received.remove_file()
    state.jobs.release(received.job)


def _check_member(state: AppState, viewer: Viewer, pair_id: str) -> None:
    with state.database.session() as session:
        pairs.pair_for_member(session, pair_id, viewer.load(session))


async def _discard_body(request: Request) -> None:
    try:
        async for _ in request.stream():
            pass
    except ClientDisconnect:
        pass


def _safe_name(filename: str) -> str:
    """The file's own name, at most 255 characters: a long name loses the end of its stem, never its suffix."""
    name = PurePath(filename.replace("\\", "/")).name
    if len(name) > 255:
        suffix = PurePath(name).suffix[:16]
        name = name[: 255 - len(suffix)] + suffix
    return name or "chat export"


class _Parts:
    """The multipart body, parsed as it arrives: text fields kept, the export written to its file."""

    def __init__(self, received: Received, folder: Path) -> None:
        self.received = received
        self.folder = folder
        self.file: IO[bytes] | None = None
        self.pending: list[bytes] = []  # the export's bytes parsed from the last chunk, not yet written
        self.header_name = self.header_value = self.disposition = b""
        self.part = ""  # the field's name
        self.kind = "skip"  # "text", "file" (the export) or "skip" (a file nobody asked for)
        self.text = bytearray()

    async def read(self, request: Request) -> None:
        content_type = request.headers.get("content-type", "")
        _, options = parse_options_header(content_type)
        boundary = options.get(b"boundary")
        if not content_type.startswith("multipart/form-data") or not boundary:
            raise InvalidInput(
                f"Send the export as a form upload (multipart/form-data), the file in '{EXPORT_FIELD}'.",
                field=EXPORT_FIELD,
            )
        parser = MultipartParser(
            boundary,
            {
                "on_part_begin": self.on_part_begin,
                "on_header_field": self.on_header_field,
                "on_header_value": self.on_header_value,
                "on_header_end": self.on_header_end,
                "on_headers_finished": self.on_headers_finished,
                "on_part_data": self.on_part_data,
                "on_part_end": self.on_part_end,
            },
        )
        try:
            try:
                async for chunk in request.stream():
                    parser.write(chunk)
                    if self.pending:
                        await run_in_threadpool(self.write_pending)
                parser.finalize()
            finally:
                if self.file is not None:
                    self.file.close()
        except FormParserError as exc:
            raise InvalidInput("The upload couldn't be read as a form; please send it again.") from exc
        except ClientDisconnect as exc:
            raise InvalidInput("The upload stopped before the whole file arrived; please send it again.") from exc
        except OSError as exc:
            raise StoreError(f"nearer couldn't keep the file while reading it ({exc.strerror or exc}).") from exc

    def write_pending(self) -> None:
        if self.file is not None:
            for data in self.pending:
                self.file.write(data)
                self.received.size += len(data)
        self.pending.clear()

    def on_part_begin(self) -> None:
        self.disposition, self.part, self.kind, self.text = b"", "", "skip", bytearray()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        if self.header_name.strip().lower() == b"content-disposition":
            self.disposition = self.header_value
        self.header_name = self.header_value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.disposition)
        self.part = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" not in options:
            if len(self.received.fields) >= MOST_FIELDS:
                raise InvalidInput("That form has more fields than nearer's own.")
            self.kind = "text"
            return
        filename = options[b"filename"].decode("utf-8", "replace")
        if self.part != EXPORT_FIELD or not filename or self.file is not None:
            return  # no file chosen, or a file nobody asked for: its bytes are passed over
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # emptied at start; made again if removed since
        self.received.name = _safe_name(filename)
        suffix = re.sub(r"[^A-Za-z0-9.]", "", PurePath(self.received.name).suffix)[:10]
        made = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in read(), removed by its owner
            dir=self.folder, prefix="export-", suffix=suffix, delete=False
        )
        self.file, self.received.path = made, Path(made.name)
        self.kind = "file"

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self.kind == "file":
            self.pending.append(bytes(data[start:end]))
        elif self.kind == "text":
            if len(self.text) + end - start > FIELD_BYTES:
                raise InvalidInput(f"'{self.part}' is too long.", field=self.part)
            self.text += data[start:end]

    def on_part_end(self) -> None:
        if self.kind == "text":
            self.received.fields.setdefault(self.part, self.text.decode("utf-8", "replace"))
