"""The ``nearer`` command. Each command parses its arguments, calls the library, and prints."""

from __future__ import annotations

import socket
import sys
from contextlib import nullcontext
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from nearer import __version__
from nearer.errors import CannotStart, InvalidInput, NearerError


class Tier(StrEnum):
    fast = "fast"
    accurate = "accurate"


WILDCARDS = ("0.0.0.0", "::")  # noqa: S104 - names, compared against, never bound here

app = typer.Typer(
    help="nearer: feel closer to the people who matter. Everything stays on your machine.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"nearer {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", help="Show the version and exit.", callback=_print_version, is_eager=True)
    ] = False,
) -> None:
    """nearer: feel closer to the people who matter. Everything stays on your machine."""


def _check_port_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise CannotStart(
                f"Can't start on {host}:{port}: {exc.strerror or 'the address is unavailable'}. "
                f"Is nearer already running? Try another port with --port."
            ) from exc


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on. Keep 127.0.0.1 to stay private.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8765,
) -> None:
    """Start the nearer app in your browser's reach."""
    import uvicorn

    from nearer.settings import Settings
    from nearer.web import create_app

    settings = Settings.from_env()
    if host not in WILDCARDS and host not in settings.allowed_hosts:
        settings = replace(settings, allowed_hosts=(*settings.allowed_hosts, host))
    _check_port_free(host, port)
    web_app = create_app(settings)
    typer.echo(f"nearer {__version__} is running at http://{host}:{port}  (data: {settings.home})")
    if host in WILDCARDS:
        typer.echo(
            "Listening on every address: set NEARER_ALLOWED_HOSTS to the names or addresses "
            "other devices will use, or nearer will refuse them."
        )
    typer.echo("Press Ctrl+C to stop.")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


@app.command()
def doctor() -> None:
    """Show where nearer keeps its data, the database's schema version, and which parts are installed."""
    from nearer.doctor import diagnose
    from nearer.settings import Settings

    findings = diagnose(Settings.from_env())
    width = max(len(f.label) for f in findings)
    for finding in findings:
        typer.echo(f"{finding.label + ':':<{width + 2}}{finding.value}")


@app.command()
def classify(
    source: Annotated[
        Path | None, typer.Argument(help="A JSON Lines file; reads standard input when left out or '-'.")
    ] = None,
    tier: Annotated[Tier, typer.Option(help="Which model reads the messages.")] = Tier.fast,
) -> None:
    """Label messages with the acts of closeness: JSON Lines in, JSON Lines out, in the same order.

    Each line in: {"id": "...", "text": "...", "context": "the message it answers, optional"}.
    """
    from nearer.lens.interface import classify_lines, decode, split_lines

    if source is None or str(source) == "-":
        lines = split_lines(decode(sys.stdin.buffer.read(), "The input"))
    else:
        try:
            lines = split_lines(decode(source.read_bytes(), str(source)))
        except FileNotFoundError as exc:
            raise InvalidInput(f"There is no file {source}.") from exc
        except OSError as exc:
            raise InvalidInput(f"Can't read {source}: {exc.strerror}.") from exc
    for line in classify_lines(lines, tier=tier.value):
        typer.echo(line)


class DateOrder(StrEnum):
    dmy = "dmy"
    mdy = "mdy"
    ymd = "ymd"


@app.command()
def analyze(
    source: Annotated[
        Path,
        typer.Argument(
            help="The exported chat: WhatsApp .txt or .zip, Telegram result.json, Messenger or Instagram message_1.json"
            " (or its folder), Discord JSON or CSV, Signal data.json or chat.md, iMessage .txt, CSV."
        ),
    ],
    me: Annotated[str | None, typer.Option(help="Your name as the chat shows it.")] = None,
    date_order: Annotated[
        DateOrder | None, typer.Option(help="WhatsApp only: how dates are written, when nearer guesses wrong.")
    ] = None,
    chat_name: Annotated[
        str | None,
        typer.Option(
            "--chat", help="Which chat to read, where the export holds several (Telegram, Messenger, Signal)."
        ),
    ] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the JSON summary to this file.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write the report, one HTML file, here.")] = None,
    accurate: Annotated[
        bool, typer.Option("--accurate", help="Read bids and replies again with the accurate tier (slower).")
    ] = False,
) -> None:
    """Read a chat history and sum up how the two of you connect."""
    import json

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from nearer.chats import open_chat
    from nearer.insight import analyze as analyze_chat
    from nearer.insight import summary

    shown_on = Console(stderr=True)
    with shown_on.status(f"Opening {source.name}...") if sys.stderr.isatty() else nullcontext():
        stream = open_chat(source, date_order=date_order.value if date_order else None, chat_name=chat_name)
    # The export is read as it streams, so a file of any size fits in memory; how many messages it holds
    # is a guess from how far through the file reading has come until the end.
    columns = (TextColumn("Reading messages"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("read", total=None)
        analysis = analyze_chat(
            stream, progress=lambda done, total: bar.update(task, completed=done, total=total), reread=accurate
        )
    chat = analysis.chat
    if me is not None and me not in chat.people:
        raise InvalidInput(f"{me!r} doesn't write in this chat; the people in it are: {', '.join(chat.people)}.")
    shown = summary(analysis)
    if me is not None:
        shown["me"] = me
    report = None
    if out is not None:
        from nearer.insight.report import build

        report = build(analysis)
    del analysis  # its columns (tens of bytes a message) are let go before the report is drawn
    for warning in chat.warnings:
        typer.echo(f"Note: {warning}", err=True)
    first, last = (shown["first_message_at"] or "")[:10], (shown["last_message_at"] or "")[:10]
    typer.echo(f"{source.name}: {sum(shown['messages'].values()):,} messages from {first} to {last}.")
    for name in shown["people"]:
        turns = shown["turns"][name]
        replies = sum(turns.values())
        toward = f"; turned toward {turns['toward'] / replies:.0%} of the bids they answered" if replies else ""
        count = shown["messages"][name]
        typer.echo(f"  {name}: {count:,} message{'' if count == 1 else 's'}{toward}")
    if chat.problem_count:
        where = ", ".join(str(p.line) for p in chat.problems[:10]) + (", ..." if chat.problem_count > 10 else "")
        typer.echo(f"{chat.problem_count} line(s) could not be read (line {where}); see --json for why.")
    if json_out is not None:
        _write(json_out, json.dumps(shown, ensure_ascii=False, indent=2) + "\n")
        typer.echo(f"Summary written to {json_out}.")
    if out is not None and report is not None:
        from nearer.insight.html import render

        _write(out, render(report, source.name, me=me))
        typer.echo(f"Report written to {out}: open it in your browser. It stays on this computer.")


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"Can't write {path}: {exc.strerror or exc}.") from exc


@app.command()
def questions(
    level: Annotated[str | None, typer.Option(help="light, personal or vulnerable.")] = None,
    theme: Annotated[
        str | None, typer.Option(help="everyday, memories, dreams, fears, relationship, appreciation or needs.")
    ] = None,
    kind: Annotated[str | None, typer.Option("--for", help="Word them for partners, friends or family.")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Every question as JSON: id, level, themes, wordings.")
    ] = False,
) -> None:
    """Show the question decks."""
    import json

    from nearer.practice.decks import KINDS
    from nearer.practice.decks import questions as chosen_questions

    if kind is not None and kind not in KINDS:
        raise InvalidInput(f"Unknown kind {kind!r}: choose partners, friends or family.")
    chosen = chosen_questions(level, theme)
    if as_json:
        rows = [
            {"id": q.id, "level": q.level, "themes": list(q.themes), "text": q.wording(kind),
             "partners": q.partners, "others": q.others}
            for q in chosen
        ]  # fmt: skip
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    heading = None
    for question in chosen:
        if (question.themes[0], question.level) != heading:
            heading = (question.themes[0], question.level)
            typer.echo(f"\n{question.themes[0]}, {question.level}")
        typer.echo(f"  {question.id}  {question.wording(kind)}")
    typer.echo(f"\n{len(chosen)} question{'' if len(chosen) == 1 else 's'}.")


class CoachTier(StrEnum):
    auto = "auto"
    fast = "fast"
    accurate = "accurate"


@app.command()
def coach(
    draft: Annotated[
        str, typer.Argument(help="The reply you are thinking of sending ('-' reads it from standard input).")
    ],
    to: Annotated[
        str | None, typer.Option("--to", help="The message from the other person that you are replying to.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the coaching as one JSON object.")] = False,
    tier: Annotated[
        CoachTier, typer.Option(help="Which model reads the draft; auto uses the accurate one when installed.")
    ] = CoachTier.auto,
) -> None:
    """Coach a reply before you send it: what it may say without meaning to, and kinder ways to say it."""
    import json

    from nearer.lens.coach import coach as coach_draft
    from nearer.lens.interface import decode

    if draft == "-":
        draft = decode(sys.stdin.buffer.read(), "The draft")
    advice = coach_draft(draft, to, tier=tier.value)
    if as_json:
        typer.echo(json.dumps(advice.as_json(), ensure_ascii=False))
        return
    if advice.safety:
        typer.echo("This may be about someone's safety. Before anything else, please reach out:")
        for line in advice.resources:
            typer.echo(f"  - {line}")
        return
    acts = ", ".join(a.replace("_", "-") for a in advice.acts) or "nothing in particular"
    opening = [] if advice.note and not advice.acts else [f"Your draft reads as: {acts}"]  # a note says it all
    typer.echo("\n\n".join([*opening, *filter(None, (advice.affirmation, advice.note))]))
    for flag in advice.flags:
        typer.echo(f'\n{flag.act.replace("_", "-")}: "{flag.evidence}"\n  {flag.explanation}')
    if advice.suggestions:
        typer.echo("\nYou could try:")
        for number, line in enumerate(advice.suggestions, 1):
            typer.echo(f"  {number}. {line}")


def main() -> None:
    """The console script: every error nearer knows becomes one line and exit status 1."""
    try:
        app()
    except NearerError as exc:
        typer.echo(f"nearer: {exc.message}", err=True)
        sys.exit(1)
