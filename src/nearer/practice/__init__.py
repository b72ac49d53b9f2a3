"""Practising closeness together: the question decks (more to come: sessions, the weekly conversation,
appreciation)."""
