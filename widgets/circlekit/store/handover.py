"""Hand-over packets between two facilitators of one circle, and merging what comes back.

A packet carries the whole circle, with every private detail and its whole history (never the
sender's debrief), sealed with a passphrase the two agreed in person (scrypt and AES-GCM, as
every sealed file here). The receiving app knows the circle by its stable id:

- a circle it does not have yet arrives with its history;
- a circle it has is merged (``circlekit.model.merge``) against the last version both copies
  share: each side's changes are applied where they do not touch the same field, and each
  field both changed is a conflict for the facilitator to settle. The result is a new
  version; both earlier versions stay in the history, and its note names whose copy it
  came from.

Versions are recognised across copies by a fingerprint of their time and content (without the
debrief, which never travels); a copy also remembers the fingerprints of the versions it has
merged in, so the next exchange starts from there.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from ..errors import ImportRefused
from ..i18n import N_, _
from ..model import Circle, explain
from ..model.merge import Conflict, merge, settle
from ..model.records.closing import Debrief
from .crypto import KeyRecipe, Sealer, WrongPassphrase, b64, check_new_passphrase
from .sqlite import SQLiteStore

FORMAT = "circle-notebooks/handover"
MAX_PACKET_BYTES = 64 * 1024 * 1024
MERGED = "merged:"  # meta key prefix: fingerprints of the versions a circle merged in
NOT_A_PACKET = N_("This file is not a hand-over packet of Circle Notebooks. Nothing was "
                  "changed.")
WRONG = N_("The passphrase does not open this packet, or the packet was changed after it was "
           "made. Check the passphrase you agreed (capitals and spaces count). Nothing was "
           "changed.")
_EMPTY_DEBRIEF = Debrief().model_dump(mode="json")


def _without_debrief(doc: dict[str, Any]) -> dict[str, Any]:
    return {**doc, "debrief": _EMPTY_DEBRIEF}


def fingerprint(saved_at: str, doc: dict[str, Any]) -> str:
    """The same for one version in every copy (the debrief, never shared, left out)."""
    canon = json.dumps(_without_debrief(doc), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{saved_at}\n{canon}".encode()).hexdigest()[:32]


def _merged_in(store: SQLiteStore, cid: str) -> set[str]:
    return set(json.loads(store.meta(MERGED + cid) or "[]"))


def _history(store: SQLiteStore, cid: str) -> list[dict[str, Any]]:
    return [{"saved_at": saved_at, "items": items, "note": note, "doc": json.loads(doc)}
            for _v, saved_at, items, note, doc in store.versions(cid)]


def make_packet(store: SQLiteStore, cid: str, sender: str, passphrase: str) -> bytes:
    """The sealed packet for ``cid``, from ``sender`` (the name the other facilitator knows
    this copy by)."""
    check_new_passphrase(passphrase)
    if not sender.strip():
        raise ImportRefused(_("Say whose copy this is (your name as your co-facilitator knows "
                              "it), so each change can be traced to a copy."))
    versions = [{**v, "doc": _without_debrief(v["doc"])} for v in _history(store, cid)]
    body = {"format": FORMAT, "format_version": 1, "circle_id": cid, "from": sender.strip(),
            "versions": versions, "merged": sorted(_merged_in(store, cid))}
    recipe = KeyRecipe.new()
    plain = zlib.compress(json.dumps(body, ensure_ascii=False).encode("utf-8"), 6)
    sealed = Sealer(recipe.derive(passphrase)).seal(plain, FORMAT.encode())
    return json.dumps({"format": FORMAT + "-sealed", "kdf": recipe.to_json(),
                       "sealed": b64(sealed)}).encode("ascii")


@dataclass
class Packet:
    circle_id: str
    sender: str
    versions: list[dict[str, Any]]
    merged: set[str]

    @property
    def latest(self) -> Circle:
        return _circle(self.versions[-1]["doc"])

    def fingerprints(self) -> dict[str, dict[str, Any]]:
        return {fingerprint(v["saved_at"], v["doc"]): v for v in self.versions}


def _circle(doc: dict[str, Any]) -> Circle:
    try:
        return Circle.model_validate(doc)
    except ValidationError as exc:
        raise ImportRefused(_("This packet has details this app cannot accept, so nothing was "
                              "changed.") + " " + " ".join(explain(exc, Circle)[:3])) from None


def _moment(value: object) -> str:
    """A version's time as it came (fingerprints compare it as text), if it is one."""
    datetime.fromisoformat(str(value))  # ValueError if not
    return str(value)


def open_packet(data: bytes, passphrase: str) -> Packet:
    """Open and check a packet; raises ``ImportRefused`` (a plain sentence) otherwise."""
    if len(data) > MAX_PACKET_BYTES:
        raise ImportRefused(_(NOT_A_PACKET))
    try:
        outer = json.loads(data)
        if outer.get("format") != FORMAT + "-sealed":
            raise ValueError
        recipe = KeyRecipe.from_json(outer.get("kdf"))
        sealed = base64.b64decode(str(outer.get("sealed")), validate=True)
    except (ValueError, AttributeError, binascii.Error, UnicodeDecodeError):
        raise ImportRefused(_(NOT_A_PACKET)) from None
    try:
        plain = Sealer(recipe.derive(passphrase)).open(sealed, FORMAT.encode())
        body = json.loads(zlib.decompress(plain))
        versions = [{"saved_at": _moment(v["saved_at"]), "items": int(v["items"]),
                     "note": str(v["note"]), "doc": dict(v["doc"])} for v in body["versions"]]
        packet = Packet(str(body["circle_id"]), str(body["from"])[:80], versions,
                        {str(fp) for fp in body.get("merged", [])})
    except WrongPassphrase:
        raise ImportRefused(_(WRONG)) from None
    except (ValueError, KeyError, TypeError, zlib.error):
        raise ImportRefused(_(NOT_A_PACKET)) from None
    if not versions or packet.latest.id != packet.circle_id:
        raise ImportRefused(_(NOT_A_PACKET))
    return packet


@dataclass
class Merge:
    """What receiving a packet would do to a circle that is here already."""

    packet: Packet
    base: dict[str, Any]
    ours: dict[str, Any]
    theirs: dict[str, Any]
    based_on: int  # the version here the merge starts from (a save names it)
    merged: dict[str, Any] = field(init=False)
    conflicts: list[Conflict] = field(init=False)

    def __post_init__(self) -> None:
        self.merged, self.conflicts = merge(self.base, self.ours, self.theirs)

    @property
    def nothing_new(self) -> bool:
        """Whether the merge would change nothing here (the time of the last change aside)."""
        return ({k: v for k, v in self.merged.items() if k != "updated"}
                == {k: v for k, v in self.ours.items() if k != "updated"})

    def result(self, theirs_wins: set[str]) -> Circle:
        return _circle(settle(self.merged, self.conflicts, theirs_wins))


def plan(store: SQLiteStore, packet: Packet) -> Merge | None:
    """How ``packet`` merges into the circle here, or None if the circle is not here."""
    if not store.exists(packet.circle_id):
        return None
    ours = _history(store, packet.circle_id)
    theirs = packet.fingerprints()
    mine = {fingerprint(v["saved_at"], v["doc"]): v for v in ours}
    merged_here = _merged_in(store, packet.circle_id)
    shared = [v for fp, v in mine.items() if fp in theirs or fp in packet.merged]
    shared += [v for fp, v in theirs.items() if fp in merged_here]
    base = max(shared, key=lambda v: str(v["saved_at"]))["doc"] if shared else {}
    opened = store.open(packet.circle_id)
    return Merge(packet, base, opened.circle.model_dump(mode="json"),
                 packet.versions[-1]["doc"], opened.version)


def receive(store: SQLiteStore, packet: Packet, theirs_wins: set[str] | None = None) -> int:
    """Take ``packet`` in: a new circle with its history, or the merge of the two copies as a
    new version (conflicts settled by ``theirs_wins``: the keys where their side is taken).
    Returns the version now latest."""
    copy = f"{packet.sender}'s copy"  # i18n: history notes stay English
    known = _merged_in(store, packet.circle_id) | set(packet.fingerprints()) | packet.merged
    step = plan(store, packet)
    if step is None:
        for v in packet.versions:
            _circle(v["doc"])
        version = store.create_with_history(packet.latest, [
            (v["saved_at"], int(v["items"]), f"{v['note']} (from {copy})", json.dumps(v["doc"]))
            for v in packet.versions])
    else:
        if step.nothing_new:
            version = step.based_on
        else:
            version = store.save(step.result(theirs_wins or set()), step.based_on,
                                 note=f"merged with {copy}")
    store.set_meta(MERGED + packet.circle_id, json.dumps(sorted(known)))
    return version


__all__ = ["FORMAT", "Merge", "Packet", "fingerprint", "make_packet", "open_packet", "plan",
           "receive"]
