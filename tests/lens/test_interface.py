"""``nearer classify``: JSON Lines in, JSON Lines out, exactly as the contract says."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from nearer.lens import ACTS


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nearer", "classify", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NEARER_HOME": "/nonexistent-not-needed"},
    )


def test_lines_in_lines_out_in_order(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "text": "fine", "context": "what's wrong? you seem upset"},
        {"id": 2, "text": "thank you for cooking tonight, it made my week"},
        {"id": "c", "text": "ok", "context": None},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    for done in (run(str(source)), run(stdin=source.read_text()), run("-", stdin=source.read_text())):
        assert done.returncode == 0, done.stderr
        answers = [json.loads(line) for line in done.stdout.splitlines()]
        assert [a["id"] for a in answers] == ["a", 2, "c"]
        for answer in answers:
            assert set(answer) == {"id", "acts", "scores", "turn"}
            assert set(answer["scores"]) == set(ACTS)
            assert set(answer["acts"]) <= set(ACTS)
        assert answers[1]["turn"] is None and answers[2]["turn"] is None
        assert answers[0]["turn"] in {"toward", "away", "against", None}


def test_a_malformed_line_is_named_and_nothing_is_written() -> None:
    good = json.dumps({"id": "1", "text": "hello"})
    for bad, words in [
        ("{not json", "line 2: not valid JSON"),
        ("[1, 2]", "line 2: expected a JSON object"),
        (json.dumps({"text": "no id"}), 'line 2: missing "id"'),
        (json.dumps({"id": "x"}), 'line 2: "text" must be a string'),
        (json.dumps({"id": "x", "text": "hi", "context": 5}), 'line 2: "context" must be a string or null'),
    ]:
        done = run(stdin=f"{good}\n{bad}\n")
        assert done.returncode == 1
        assert done.stdout == ""
        assert done.stderr.strip().startswith(f"nearer: {words}"), done.stderr
        assert "Traceback" not in done.stderr


def test_missing_file_and_unknown_tier(tmp_path: Path) -> None:
    missing = run(str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 1 and "There is no file" in missing.stderr
    unknown = run("--tier", "best", stdin=json.dumps({"id": 1, "text": "hi"}))
    assert unknown.returncode == 2 and "Invalid value" in unknown.stderr and "'best'" in unknown.stderr


def test_the_accurate_tier_answers_in_the_same_form() -> None:
    rows = [{"id": "x", "text": "fine. forget it", "context": "what's wrong?"}, {"id": "y", "text": "thank you!"}]
    done = run("--tier", "accurate", stdin="\n".join(json.dumps(r) for r in rows))
    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert [a["id"] for a in answers] == ["x", "y"]
    assert all(set(a) == {"id", "acts", "scores", "turn"} and set(a["scores"]) == set(ACTS) for a in answers)


def test_scores_are_plain_four_place_numbers() -> None:
    done = run(stdin=json.dumps({"id": 1, "text": "fine", "context": "what's wrong? you seem upset"}))
    for value in json.loads(done.stdout)["scores"].values():
        assert len(repr(value).split(".")[-1]) <= 4 or "e-" in repr(value), value


def test_awkward_but_valid_input_is_read() -> None:
    rows = [
        json.dumps({"id": "sep", "text": "one\u2028two \u0085 three"}, ensure_ascii=False),
        json.dumps({"id": "crlf", "text": "windows line"}),
    ]
    done = run(stdin="\ufeff" + rows[0] + "\r\n" + rows[1] + "\r\n")
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == ["sep", "crlf"]


def test_broken_input_is_refused_in_one_line() -> None:
    cases = [
        ('{"id": "a", "text": "hi \\ud83d"}', 'line 1: "text" has a broken character'),
        ("[" * 100_000 + "]" * 100_000, "line 1: not JSON that nearer can read"),
    ]
    for stdin, words in cases:
        done = run(stdin=stdin)
        assert done.returncode == 1 and done.stdout == ""
        assert done.stderr.startswith(f"nearer: {words}"), done.stderr[:300]
    raw = subprocess.run(
        [sys.executable, "-m", "nearer", "classify"], input=b'{"id": 1, "text": "caf\xe9"}\n', capture_output=True
    )
    assert raw.returncode == 1
    assert raw.stderr.decode().startswith("nearer: The input is not UTF-8 text (byte 22")


def test_an_unknown_tier_is_refused_before_reading() -> None:
    done = run("--tier", "bogus", stdin="")
    assert done.returncode == 2 and "bogus" in done.stderr
