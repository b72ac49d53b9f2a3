"""The web app: HTML pages for people and a JSON API under /api/v1, both thin over the library."""

from nearer.web.app import create_app

__all__ = ["create_app"]
