"""The ``nearer`` command, run as a person runs it: a real process, real environment variables."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from nearer import __version__
from nearer.store.database import open_database


def nearer(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nearer", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NEARER_HOME": str(home), **env},
    )


def test_version(tmp_path: Path) -> None:
    done = nearer("--version", home=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == f"nearer {__version__}"


def test_doctor_before_and_after_the_first_start(tmp_path: Path) -> None:
    before = nearer("doctor", home=tmp_path)
    assert before.returncode == 0, before.stderr
    assert str(tmp_path / "nearer.db") in before.stdout
    assert "none yet" in before.stdout
    assert "fast lens tier:     installed" in before.stdout and "accurate lens tier:" in before.stdout
    assert not (tmp_path / "nearer.db").exists(), "doctor only looks; it creates nothing"

    open_database(f"sqlite:///{tmp_path / 'nearer.db'}").close()
    after = nearer("doctor", home=tmp_path)
    assert "0004 (up to date)" in after.stdout


def test_doctor_names_a_database_address_it_cannot_use(tmp_path: Path) -> None:
    done = nearer("doctor", home=tmp_path, NEARER_DATABASE_URL="nonsense://")
    assert "schema version:" in done.stdout and "Could not open" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_serve_on_a_busy_port_says_so_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = nearer("serve", "--port", str(port), home=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith(f"nearer: Can't start on 127.0.0.1:{port}")
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_serve_with_a_bad_database_address_says_so(tmp_path: Path) -> None:
    done = nearer("serve", "--port", "8799", home=tmp_path, NEARER_DATABASE_URL="not a url")
    assert done.returncode == 1
    assert done.stderr.strip() == "nearer: The database address 'not a url' is not one nearer understands."


def test_a_bad_option_is_refused_by_the_parser(tmp_path: Path) -> None:
    done = nearer("serve", "--port", "99999", home=tmp_path)
    assert done.returncode == 2 and "65535" in done.stderr and "Traceback" not in done.stderr
