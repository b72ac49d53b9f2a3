"""The accurate tier keeps the same contract as the fast one, runs offline, and is optional:
without torch the fast tier and the coach still work, and asking for the accurate tier says what to install."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from nearer.lens import ACTS, classify
from nearer.lens.accurate import accurate_tier
from nearer.lens.coach import coach

pytest.importorskip("torch", reason="the accurate extra is installed by make test; this run lacks it")


def test_readings_keep_the_contract_and_use_the_context() -> None:
    texts = ["fine. forget it", "thank you for holding my hand at the hospital, it meant everything", "ok"]
    contexts: list[str | None] = ["what's wrong? you've been quiet all evening", None, None]
    readings = classify(texts, contexts, tier="accurate")
    thresholds = accurate_tier().thresholds
    for reading in readings:
        assert set(reading.scores) == set(ACTS)
        assert set(reading.acts) == {a for a in ACTS if reading.scores[a] >= thresholds[a]}
    assert "brush_off" in readings[0].acts and readings[0].turn in ("away", "against")
    assert "appreciation" in readings[1].acts and readings[1].turn is None
    alone = classify(["fine. forget it"], [None], tier="accurate")[0]
    assert alone.scores != readings[0].scores, "the context changes the reading"


def test_the_coach_uses_the_accurate_tier_when_it_is_installed() -> None:
    advice = coach("you never listen to me", "I had a rough day at work")
    assert advice.tier == "accurate" and "criticism" in advice.acts


def run_without_torch(code: str) -> subprocess.CompletedProcess[str]:
    blocker = "import sys; sys.modules['torch'] = None; sys.modules['transformers'] = None\n"
    return subprocess.run(
        [sys.executable, "-c", blocker + code], capture_output=True, text=True, timeout=120, env=dict(os.environ)
    )


def test_without_the_extra_the_fast_tier_and_the_coach_still_work() -> None:
    done = run_without_torch(
        "from nearer.lens import classify\n"
        "from nearer.lens.coach import coach\n"
        "print(classify(['thank you so much for today'])[0].acts)\n"
        "print(coach('you never listen', 'my day was awful').tier)\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["('appreciation',)", "fast"]


def test_without_the_extra_the_accurate_tier_says_what_to_install() -> None:
    done = run_without_torch(
        "from nearer.errors import ModelUnavailable\n"
        "from nearer.lens import classify\n"
        "try:\n    classify(['hi'], tier='accurate')\n"
        "except ModelUnavailable as exc:\n    print(exc.message)\n"
    )
    assert "pip install 'nearer[accurate]'" in done.stdout, done.stderr


def test_the_model_is_loaded_from_the_package_with_the_hub_offline() -> None:
    accurate_tier()
    assert os.environ.get("HF_HUB_OFFLINE") == "1" and os.environ.get("TRANSFORMERS_OFFLINE") == "1"


@pytest.mark.parametrize(("text", "context", "not_act"), [("fine", "pizza tonight?", "brush_off")])
def test_the_contracts_counter_examples_the_fast_tier_misses(text: str, context: str | None, not_act: str) -> None:
    assert not_act not in classify([text], [context], tier="accurate")[0].acts


@pytest.mark.parametrize(
    ("text", "context", "wrong"),
    [
        ("that sounds so hard, I'm really glad you told me", "I've been struggling at work", "against"),
        ("I feel like pizza", None, "disclosure"),
        ("lol", None, "contempt"),
    ],
)
def test_plain_sympathy_and_the_contracts_counter_examples(text: str, context: str | None, wrong: str) -> None:
    reading = classify([text], [context], tier="accurate")[0]
    assert wrong not in reading.acts and reading.turn != wrong


def test_the_doctor_finds_the_accurate_tiers_files() -> None:
    from nearer.doctor import model_tiers

    accurate = next(f for f in model_tiers() if f.label == "accurate lens tier")
    assert accurate.ok and accurate.value == "installed"
