"""The JSON Schema of a stored or exported circle, generated from the models."""

from __future__ import annotations

from functools import cache
from typing import Any

from .circle import Circle

# Bump when a stored circle written by this version could not be read by the previous one.
SCHEMA_VERSION = 2


@cache
def circle_schema() -> dict[str, Any]:
    schema = Circle.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["x-schema-version"] = SCHEMA_VERSION
    return schema
