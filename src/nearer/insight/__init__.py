"""What a chat history says about how two people connect: read by the lens, summed up per person.

``analyze(chat)`` reads every message with the lens and gives an ``Analysis``; ``summary`` turns
it into the versioned JSON summary (``SCHEMA_VERSION``), whose top-level keys are a contract. The chat
may be held (``load_chat``) or read as it streams (``open_chat``), for an export of any size.
"""

from nearer.insight.analysis import Analysis, analyze
from nearer.insight.summary import SCHEMA_VERSION, summary

__all__ = ["SCHEMA_VERSION", "Analysis", "analyze", "summary"]
