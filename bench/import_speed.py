"""Benchmark: ``nearer analyze`` of a 400,000-message WhatsApp export, end to end, beside the time
``whatstk`` takes only to parse the same file with its format auto-detection.

Budget (design.md): nearer's whole analysis (reading the file and every message with the lens)
is faster than whatstk's parse alone, with a peak memory of at most 1.5 GB. Run with
``make bench-import``, which installs whatstk into its own environment (.venv-bench) so it never
becomes a dependency of nearer.

The export is generated: two people over several years, Android layout, day-first dates, the
corpus's own messages as the words (so the lens reads real sentences), with multi-line messages,
media, deleted messages, calls and system lines mixed in. Each tool runs in a fresh process.

It also times the HTML report (``--out``) on the same export, and on a chat in which one person writes
every message (``--one-sided``): working out which message answers which once took quadratic time on
such a run (20,000 messages, nearly two minutes), and this keeps it in sight.

``--huge-gb 2`` measures only a much larger export instead: one of about that many gigabytes (some 19
million messages), written to disk as it is made, read end to end with ``--json --out``, to show that a
file of any size is read as it streams, within the same 1.5 GB (it takes minutes).
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from training.corpus import load

BUDGET_BYTES = 1.5e9


def write_export(path: Path, messages: int, seed: int = 7) -> None:
    chance = random.Random(seed)
    words = [e.text for e in load()]
    people = ("Ama Owusu", "Lena 🌙")
    when = datetime(2019, 3, 1, 8, 0)
    with path.open("w", encoding="utf-8") as out:
        out.write(
            f"{when:%d/%m/%Y, %H:%M} - Messages and calls are end-to-end encrypted. No one outside of this chat, "
            "not even WhatsApp, can read or listen to them. Tap to learn more.\n"
        )
        sender = 0
        for _ in range(messages - 1):
            when += timedelta(minutes=chance.choice((1, 1, 2, 3, 7, 20, 90, 600)))
            if chance.random() < 0.35:
                sender = 1 - sender
            roll = chance.random()
            stamp = f"{when:%d/%m/%Y, %H:%M} - "
            if roll < 0.005:
                out.write(f"{stamp}{people[sender]} changed the group description\n")
                continue
            if roll < 0.055:
                text = "<Media omitted>"
            elif roll < 0.065:
                text = "This message was deleted"
            elif roll < 0.07:
                text = "Missed voice call"
            else:
                text = chance.choice(words)
                if chance.random() < 0.05:
                    text += "\n" + chance.choice(words) + "\n" + chance.choice(words)
            out.write(f"{stamp}{people[sender]}: {text}\n")


def write_one_sided(path: Path, messages: int) -> None:
    """One person asks and asks, minutes apart, in one long conversation; the other answers once at the end."""
    when = datetime(2024, 1, 1, 8, 0)
    with path.open("w", encoding="utf-8") as out:
        for n in range(messages - 1):
            out.write(
                f"{when + timedelta(minutes=n):%d/%m/%Y, %H:%M} - Ama: how was your day? tell me everything {n}\n"
            )
        out.write(f"{when + timedelta(minutes=messages):%d/%m/%Y, %H:%M} - Lena: ok\n")


def run(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])} failed:\n{done.stderr[-2000:]}")
    return elapsed


def huge(gigabytes: float) -> int:
    """Read an export of about ``gigabytes`` end to end: its time, and its peak memory against the budget."""
    with tempfile.TemporaryDirectory() as folder:
        sample = Path(folder) / "sample.txt"
        write_export(sample, 20_000)
        messages = int(gigabytes * 1e9 * 20_000 / sample.stat().st_size)
        export = Path(folder) / "WhatsApp Chat with Lena.txt"
        started = time.perf_counter()
        write_export(export, messages)
        size = export.stat().st_size
        print(f"wrote {messages:,} messages ({size / 1e9:.2f} GB) in {time.perf_counter() - started:.0f} s", flush=True)
        analyze = [sys.executable, "-m", "nearer", "analyze", str(export)]
        seconds = run([*analyze, "--json", f"{folder}/s.json", "--out", f"{folder}/r.html"])
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # kilobytes on Linux
    print(f"huge: {messages:,}-message WhatsApp export ({size / 1e9:.2f} GB), read as it streams")
    print(f"  nearer analyze --json --out, end to end: {seconds:6.0f} s   peak memory {peak / 1e9:.2f} GB")
    verdict = "within" if peak <= BUDGET_BYTES else "OUTSIDE"
    print(f"budget: peak {peak / 1e9:.2f} GB of {BUDGET_BYTES / 1e9:.1f} GB: {verdict} it")
    return 0 if peak <= BUDGET_BYTES else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=400_000)
    parser.add_argument("--one-sided", type=int, default=20_000, help="messages in the one-sided chat")
    parser.add_argument("--whatstk-python", default=".venv-bench/bin/python")
    parser.add_argument("--huge-gb", type=float, help="instead, read an export of about this many GB (minutes)")
    args = parser.parse_args()
    if args.huge_gb:
        return huge(args.huge_gb)
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "WhatsApp Chat with Lena.txt"
        write_export(export, args.messages)
        size = export.stat().st_size
        analyze = [sys.executable, "-m", "nearer", "analyze"]
        nearer_s = run([*analyze, str(export), "--json", str(Path(folder) / "s.json")])
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # kilobytes on Linux
        report_s = run([*analyze, str(export), "--json", str(Path(folder) / "s.json"), "--out", f"{folder}/r.html"])
        report_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        one_sided = Path(folder) / "WhatsApp Chat with Ama.txt"
        write_one_sided(one_sided, args.one_sided)
        one_sided_s = run([*analyze, str(one_sided), "--out", str(Path(folder) / "one-sided.html")])
        parse = f"from whatstk import df_from_whatsapp; df_from_whatsapp({str(export)!r}, max_size=None)"
        whatstk_s = run([args.whatstk_python, "-c", parse])
    print(f"import: {args.messages:,}-message WhatsApp export ({size / 1e6:.0f} MB), each tool in a fresh process")
    print(f"  nearer analyze, end to end:      {nearer_s:6.1f} s   peak memory {peak / 1e9:.2f} GB")
    print(f"  whatstk, parse with auto-detect: {whatstk_s:6.1f} s")
    print(f"  nearer analyze --out (report):   {report_s:6.1f} s   peak memory {report_peak / 1e9:.2f} GB")
    print(f"    of which building the HTML report: {report_s - nearer_s:.1f} s")
    print(f"  one person writing all {args.one_sided:,} messages, with --out: {one_sided_s:.1f} s")
    ok = nearer_s < whatstk_s and peak <= BUDGET_BYTES
    verdict = "within" if ok else "OUTSIDE"
    print(f"budget: nearer {nearer_s:.1f} s vs whatstk {whatstk_s:.1f} s, peak {peak / 1e9:.2f} GB: {verdict} it")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
