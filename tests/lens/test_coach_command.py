"""``nearer coach``, run as a person runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nearer", "coach", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NEARER_HOME": "/nonexistent-not-needed"},
    )


def test_json_keeps_the_contract() -> None:
    done = run("--tier", "fast", "--json", "--to", "I feel so alone lately", "you're overreacting")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert set(shown) == {"acts", "flags", "suggestions", "safety", "resources"}
    assert "dismissal" in shown["acts"] and shown["flags"][0]["evidence"] in "you're overreacting"
    assert 2 <= len(shown["suggestions"]) <= 3 and any("alone" in s for s in shown["suggestions"])


def test_plain_output_explains_and_suggests() -> None:
    done = run("--tier", "fast", "--to", "my boss yelled at me today", "you never listen to me")
    assert done.returncode == 0, done.stderr
    assert 'criticism: "you never listen to me"' in done.stdout
    assert "You could try:" in done.stdout and "1. " in done.stdout and "your boss" in done.stdout


def test_a_caring_draft_is_affirmed_and_safety_comes_first() -> None:
    kind = run("--tier", "fast", "thank you for picking me up last night, it meant a lot")
    assert "Send it as it is" in kind.stdout or "Nothing to change" in kind.stdout
    assert "You could try" not in kind.stdout
    unsafe = run("--tier", "fast", "--to", "I don't want to be here anymore", "ok")
    assert unsafe.returncode == 0 and "988" in unsafe.stdout and "You could try" not in unsafe.stdout


def test_the_draft_can_come_from_standard_input() -> None:
    done = run("--tier", "fast", "--json", "-", stdin="why do you always leave your socks everywhere\n")
    assert done.returncode == 0 and "criticism" in json.loads(done.stdout)["acts"]


def test_an_empty_draft_is_refused_plainly() -> None:
    done = run("--tier", "fast", "  ")
    assert done.returncode == 1
    assert done.stderr.strip() == "nearer: Write a draft reply to coach."
