"""A write that was acknowledged survives the writer being killed at any moment."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from sqlalchemy import text

from nearer.store.database import open_database

KILLS = 30
ROOT = Path(__file__).resolve().parents[2]


def run_and_kill(url: str, start: int, delay: float) -> list[int]:
    """Start a writer, SIGKILL it after ``delay`` seconds, and return the ids it acknowledged."""
    acknowledged: list[int] = []
    with subprocess.Popen(
        [sys.executable, "-m", "tests.store.durable_writer", url, str(start)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    ) as child:

        def read() -> None:
            assert child.stdout is not None
            for line in child.stdout:
                acknowledged.append(int(line))

        reader = threading.Thread(target=read)
        reader.start()
        # Wait for the first acknowledgement, so every kill lands while writes are happening.
        deadline = time.monotonic() + 30
        while not acknowledged and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert child.poll() is None, "the writer stopped by itself"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        reader.join()
    return acknowledged


def test_acknowledged_writes_survive_sigkill(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nearer.db'}"
    open_database(url).close()  # migrate once, so every child starts writing at once
    rng = random.Random(20261122)
    acknowledged: list[int] = []
    start = 0
    for _ in range(KILLS):
        got = run_and_kill(url, start, delay=rng.uniform(0.0, 0.25))
        acknowledged.extend(got)
        start += 1_000_000  # each run writes its own range, so ids never collide
    assert len(acknowledged) > KILLS, "the writers should have acknowledged many writes"

    database = open_database(url)
    with database.engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        stored = {row[0] for row in conn.execute(text("SELECT id FROM people"))}
    database.close()
    missing = [n for n in acknowledged if f"w{n:08d}" not in stored]
    assert missing == [], f"{len(missing)} acknowledged writes were lost, e.g. {missing[:5]}"
