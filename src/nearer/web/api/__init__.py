"""The JSON API under /api/v1: a public contract for scripts and other apps."""
