"""Export and import one circle as a JSON file.

An export is a copy for nobody in particular: each private detail is left out unless the
people it belongs to chose to share it, safety plans and needs kept private never go, and the
file lists the kinds of detail left out. An export can be protected with a
passphrase (AES-GCM, scrypt key). Imports never raise anything but ``ImportRefused`` (a plain
sentence) and change nothing unless the whole file is good.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import ImportRefused
from ..i18n import _
from ..model import LEFT_OUT, SCHEMA_VERSION, Circle, explain, redact
from ..model.fields import circle_id
from .base import Store
from .crypto import KeyRecipe, Sealer, WrongPassphrase, b64, check_new_passphrase

FORMAT = "circle-notebooks/circle"
SEALED_FORMAT = "circle-notebooks/protected-circle"
MAX_IMPORT_BYTES = 8 * 1024 * 1024


def export_circle(store: Store, cid: str, passphrase: str | None = None) -> bytes:
    """The circle as a JSON file, private details left out as their owners chose.

    With ``passphrase`` the whole file is sealed; only the passphrase opens it again.
    """
    plain = _export(store, cid)
    if not passphrase:
        return plain
    check_new_passphrase(passphrase)
    recipe = KeyRecipe.new()
    sealed = Sealer(recipe.derive(passphrase)).seal(plain, SEALED_FORMAT.encode())
    return json.dumps({"format": SEALED_FORMAT, "format_version": 1, "kdf": recipe.to_json(),
                       "sealed": b64(sealed)}, indent=1).encode("ascii")


def _export(store: Store, cid: str) -> bytes:
    circle, left_out = redact(store.open(cid).circle)
    envelope = {
        "format": FORMAT,
        "format_version": SCHEMA_VERSION,
        "exported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "left_out": left_out,
        "circle": circle.model_dump(mode="json"),
    }
    return json.dumps(envelope, ensure_ascii=False, indent=1).encode("utf-8")


def _unseal(parsed: dict[str, Any], passphrase: str | None) -> bytes:
    if not passphrase:
        raise ImportRefused(
            _("This file is protected with a passphrase. Enter the passphrase it was exported "
            "with, then import it again. Nothing was imported.")
        )
    try:
        recipe = KeyRecipe.from_json(parsed.get("kdf"))
        sealed = base64.b64decode(str(parsed.get("sealed")), validate=True)
    except (ValueError, binascii.Error):
        raise ImportRefused(
            _("This protected file is damaged: the part that opens it is missing or changed. "
            "Nothing was imported.")
        ) from None
    try:
        return Sealer(recipe.derive(passphrase)).open(sealed, SEALED_FORMAT.encode())
    except WrongPassphrase:
        raise ImportRefused(
            _("The passphrase does not open this file, or the file was changed after it was "
            "exported. Check the passphrase (capitals and spaces count). Nothing was imported.")
        ) from None


def _parse(data: bytes, passphrase: str | None = None, *, sealed: bool = True
           ) -> dict[str, Any]:
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRefused(
            _("This file is too large to be a circle ({size} MB; the limit is {limit} MB). "
              "Nothing was imported.").format(size=f"{len(data) / 1e6:.1f}",
                                              limit=f"{MAX_IMPORT_BYTES / 1e6:.0f}")
        )
    if not data.strip():
        raise ImportRefused(_("This file is empty. Nothing was imported."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(
            _("This file is not a circle file: it is not text. If it was protected with a "
            "passphrase, it cannot be read as it is. Nothing was imported.")
        ) from None
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRefused(
            _("This file is damaged or incomplete (the problem is at line {line}, column "
              "{column}); it may have been cut short while copying. Nothing was imported."
              ).format(line=exc.lineno, column=exc.colno)
        ) from None
    except (RecursionError, ValueError):
        raise ImportRefused(
            _("This file is not a circle file: its structure is far deeper or its numbers far "
            "larger than a circle's. Nothing was imported.")
        ) from None
    if sealed and isinstance(parsed, dict) and parsed.get("format") == SEALED_FORMAT:
        return _parse(_unseal(parsed, passphrase), sealed=False)
    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT:
        raise ImportRefused(
            _("This file is not a Circle Notebooks circle file (it does not say it is one). "
            "Nothing was imported.")
        )
    version = parsed.get("format_version")
    # Older files read as they are: every field added since has a default.
    if type(version) is not int or not 1 <= version <= SCHEMA_VERSION:  # true == 1 in Python
        raise ImportRefused(
            _("This circle file uses format version {found}, and this app reads versions up "
              "to {version}. Update the app, or export the circle again. Nothing was imported."
              ).format(found=repr(version), version=SCHEMA_VERSION)
        )
    return parsed


def import_circle(store: Store, source: bytes | str | Path, passphrase: str | None = None
                  ) -> str:
    """Add the circle in ``source`` (bytes, or a file path) to ``store``; return its id.

    An id already in the store gets a fresh one, so an import never replaces a circle.
    """
    if isinstance(source, (str, Path)):
        try:
            with open(source, "rb") as fh:
                data = fh.read(MAX_IMPORT_BYTES + 1)
        except OSError as exc:
            raise ImportRefused(_("The file could not be read ({problem}).").format(
                problem=exc.strerror)) from None
    else:
        data = bytes(source)
    envelope = _parse(data, passphrase)
    try:
        circle = Circle.model_validate(envelope.get("circle"))
    except (ValidationError, RecursionError) as exc:
        problems = explain(exc, Circle) if isinstance(exc, ValidationError) else []
        shown = " ".join(problems[:5]) + (" …" if len(problems) > 5 else "")
        raise ImportRefused(
            _("This circle file has details this app cannot accept, so nothing was imported.")
            + " " + shown
        ) from None
    if store.exists(circle.id):
        circle = circle.model_copy(update={"id": circle_id()})
    if circle.title == LEFT_OUT:
        # The name is private and was not shared: give the copy a name the list can show.
        name = _("Imported circle {date}").format(date=f"{datetime.now(UTC):%Y-%m-%d}")
        circle = circle.model_copy(update={"title": name})
    return store.create(circle, note="imported").circle.id
