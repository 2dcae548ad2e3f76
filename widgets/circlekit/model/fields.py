"""Field metadata and text types shared by every model.

A field's label, help text and private flag live on the pydantic field itself, so the model is
the single declaration that forms, documents, exports and the JSON Schema all read.
"""

from __future__ import annotations

import re
import uuid
from typing import Annotated, Any

from pydantic import AfterValidator, Field, JsonValue, StringConstraints

from ..i18n import N_

# Tab, newline and carriage return are ordinary in typed text; other control characters are
# not, and some (NUL, bidi overrides aside) break storage or printing.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

SHORT_MAX = 200
LONG_MAX = 50_000


def _no_control_chars(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError(N_("contains control characters that cannot be stored; please "
                            "retype it"))
    return value


def _single_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError(N_("must fit on one line"))
    return value


ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=SHORT_MAX),
    AfterValidator(_no_control_chars),
    AfterValidator(_single_line),
]
RequiredShortText = Annotated[ShortText, StringConstraints(min_length=1)]
LongText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=LONG_MAX),
    AfterValidator(_no_control_chars),
]


def row_id() -> str:
    """A short random id for a row inside one circle (never derived from its content)."""
    return uuid.uuid4().hex[:10]


def circle_id() -> str:
    return uuid.uuid4().hex


RowId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{10}$")]


def ui(label: str, help: str = "", *, private: bool = False, narrative: bool = False,
       **kwargs: Any) -> Any:
    """A pydantic ``Field`` that carries the form's label, help text and flags.

    ``private`` marks what is left out of exports, documents and research frames unless the
    person it belongs to has chosen to share it (see ``privacy.owners_of``). ``narrative``
    marks what tells what happened, or ties a person to it: a circle that keeps a minimal
    record never shows it, and moving to one strikes it from every version.
    """
    extra: dict[str, JsonValue] = {"private": private}
    if narrative:
        extra["narrative"] = True
    return Field(title=label, description=help, json_schema_extra=extra, **kwargs)


def is_private(field_info: Any) -> bool:
    extra = field_info.json_schema_extra
    return bool(isinstance(extra, dict) and extra.get("private"))


def is_narrative(field_info: Any) -> bool:
    extra = field_info.json_schema_extra
    return bool(isinstance(extra, dict) and extra.get("narrative"))
