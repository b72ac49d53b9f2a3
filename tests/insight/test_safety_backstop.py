"""A report hears words of danger in every message, even one the lens scores as nearly safe."""

from __future__ import annotations

from pathlib import Path

from nearer.chats import load_chat
from nearer.insight import analyze
from nearer.lens import classify


def test_words_of_danger_count_where_the_lens_is_sure_there_are_none(tmp_path: Path) -> None:
    quiet = "there's no point in going on"
    assert classify([quiet])[0].scores["safety"] < 0.02, "the lens alone misses it: the words must catch it"
    export = tmp_path / "chat.txt"
    export.write_text(
        "02/05/2024, 21:00 - Kai: how are you holding up?\n"
        f"02/05/2024, 21:02 - Sol: {quiet}\n"
        "02/05/2024, 21:03 - Kai: I’m here. Can I come over?\n"
        "02/05/2024, 21:05 - Sol: he hit me up about the flat, we can see it saturday\n",
        encoding="utf-8",
    )
    analysis = analyze(load_chat(export))
    assert analysis.safety_lines == [1]
    assert analysis.people["Sol"].acts["safety"] == 1 and analysis.people["Kai"].acts["safety"] == 0
