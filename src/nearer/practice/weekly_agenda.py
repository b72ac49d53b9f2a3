"""The agenda of the weekly conversation ("our week"): its topics in order, in warm words that fit
the pair (partners, friends or family), and what the listener is asked to do before replying.

>>> [t.key for t in agenda("friends", "Bo")]
['appreciations', 'went_well', 'satisfied', 'hard', 'support']
>>> topic("support", "family", "Bo").title
'How can I support you this week?'
"""

from __future__ import annotations

from dataclasses import dataclass

from nearer.errors import InvalidInput

TOPICS = ("appreciations", "went_well", "satisfied", "hard", "support")

# What "the two of you" is called, by the pair's kind.
US = {"partners": "your relationship", "friends": "your friendship", "family": "the way you are as family"}
TOGETHER = {"partners": "the two of you", "friends": "the two of you as friends", "family": "the two of you"}


@dataclass(frozen=True)
class Topic:
    """One step of the agenda: its key (as stored with notes), a title and a prompt for the speaker."""

    key: str
    title: str
    prompt: str

    @property
    def number(self) -> int:
        """Its place in the agenda, counting from 1."""
        return TOPICS.index(self.key) + 1


def _words(key: str, kind: str, other: str) -> tuple[str, str]:
    us, together = US.get(kind, US["friends"]), TOGETHER.get(kind, TOGETHER["friends"])
    if key == "appreciations":
        return (
            "Appreciations",
            f"Tell {other} one thing they did this week that you appreciated, and why it meant something to you.",
        )
    if key == "went_well":
        return (
            "What went well",
            f"What went well for {together} this week? A good moment, a small kindness, something you got through.",
        )
    if key == "satisfied":
        return ("Something you're glad about", f"Name one thing about {us} that you're happy with right now.")
    if key == "hard":
        return (
            "Something that feels hard",
            f"Name one thing that feels hard at the moment. Say what you feel and what you need, "
            f"rather than what {other} did wrong.",
        )
    return (
        "How can I support you this week?",
        f"Ask {other} for one thing that would help you this week: small and clear enough to do.",
    )


def topic(key: str, kind: str, other: str = "them") -> Topic:
    """The topic ``key`` worded for a pair of ``kind``, spoken to ``other`` (the listener's name)."""
    if key not in TOPICS:
        raise InvalidInput(f"There's no topic {key!r}; the topics are {', '.join(TOPICS)}.", field="topic")
    title, prompt = _words(key, kind, other)
    return Topic(key, title, prompt)


def agenda(kind: str, other: str = "them") -> list[Topic]:
    """Every topic, in the order the two go through them."""
    return [topic(key, kind, other) for key in TOPICS]


def listener_prompts(speaker: str) -> tuple[str, ...]:
    """What the listener does while ``speaker`` talks and before replying: hear them out, then say back
    what they heard and the feeling behind it, and check it landed, so the speaker feels understood."""
    return (
        f"Listen to understand {speaker}, not to answer. Let them finish.",
        "Then say back what you heard: “What I heard is …”",
        "Name the feeling you heard: “It sounds like you felt …”",
        f"Ask “Did I get that right?” and let {speaker} add anything before you reply.",
    )
