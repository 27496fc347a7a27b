"""Reading the API's OpenAPI document in tests: components by reference, response schemas."""

from __future__ import annotations

from typing import Any


def component(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """``node`` itself, or the component it refers to (``{"$ref": ...}``)."""
    if "$ref" in node:
        return schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def response_schema(
    schema: dict[str, Any], path: str, method: str, status: str = "200"
) -> dict[str, Any]:
    """The JSON schema of one operation's response, references resolved one level."""
    node = schema["paths"][path][method]["responses"][status]["content"]["application/json"]
    return component(schema, node["schema"])
