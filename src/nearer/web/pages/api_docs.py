"""A readable reference of the JSON API, drawn from FastAPI's own OpenAPI document.

FastAPI's Swagger page loads its scripts from a CDN, which nearer never does,
so this page renders the same document as plain HTML from the package.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from nearer.web.templating import render

router = APIRouter()

METHODS = ("get", "post", "put", "delete", "patch")


def _resolve(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    reference = schema.get("$ref")
    if not reference:
        return schema
    name = reference.rsplit("/", 1)[-1]
    resolved: dict[str, Any] = document.get("components", {}).get("schemas", {}).get(name, {})
    return resolved


def _fields(schema: dict[str, Any], document: dict[str, Any]) -> list[dict[str, str]]:
    schema = _resolve(schema, document)
    required = set(schema.get("required", []))
    fields = []
    for name, spec in schema.get("properties", {}).items():
        kind = "one of " + ", ".join(map(str, spec["enum"])) if "enum" in spec else spec.get("type", "object")
        fields.append({"name": name, "type": str(kind), "required": "required" if name in required else "optional"})
    return fields


def describe_api(document: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per route: method, path, what it does, what it takes, and what it answers."""
    routes = []
    for path, operations in document.get("paths", {}).items():
        for method in METHODS:
            operation = operations.get(method)
            if operation is None:
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            answers = operation.get("responses", {})
            routes.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "takes": _fields(body, document) if body else [],
                    "answers": [(code, answers[code].get("description", "")) for code in sorted(answers)],
                    "signed_in": bool(operation.get("security")),
                }
            )
    return routes


@router.get("/api/docs")
def api_docs(request: Request) -> Response:
    document = request.app.openapi()
    return render(request, "api_docs.html", routes=describe_api(document), intro=document["info"]["description"])
