"""Circle → ``Document`` for one reader: the entries come from the step declarations, what the
reader may see from ``copy_for`` (so a document never shows more than that person may see)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..i18n import N_, _, format_date, language
from ..model import LEFT_OUT, Circle, FieldSpec, Role, Step, field_spec, step
from ..model.display import as_text, clip
from ..model.errors import field_label
from ..model.privacy import Copy, copy_for
from .document import Block, Document, Entry, Picture, Section


@dataclass(frozen=True)
class Kind:
    key: str
    title: str
    steps: tuple[str, ...]  # the steps whose rows it shows, in order


DOCUMENTS: dict[str, Kind] = {k.key: k for k in (
    Kind("agreement", N_("Repair agreement"), ("agreement",)),
    Kind("needs", N_("Needs summary"), ("needs",)),
    Kind("accountability", N_("Accountability work"), ("accountability",)),
    Kind("harm_map", N_("Harm map"), ("harm_map",)),
    Kind("follow_up", N_("Follow-up record"), ("follow_up", "goals")),
    Kind("meetings", N_("Meeting plan"), ("meetings",)),
    Kind("safety_plan", N_("Safety plan"), ("safety_plan",)),
)}


TITLE_MAX = 90
# An item's answer to the shared-service warning, which means something only with the warning.
_ONLY_WITH_A_SERVICE = ("kept_because", "kept_agreed")
NOTHING_YOURS = N_("Nothing here for this copy: what this part holds belongs to others, who "
                   "kept it private.")


def file_name(title: str) -> str:
    """A file name from a document's title in the reader's language ("Acuerdo de reparación"
    → "acuerdo-de-reparación"): letters and digits of any script, words joined by "-", and
    nothing a file system or a download could misread (no dots, slashes or spaces)."""
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", title).casefold())
    return "-".join(words) or "document"


def _blocks(original: Circle, copy: Copy, s: Step) -> list[Block]:
    """One block per row of the reader's copy; what was left out is simply not there."""
    circle = copy.circle
    kept_private = {a.id: bool(set(a.needs) & copy.hidden_needs) for a in original.agreement}
    rows = getattr(circle, s.collection or "")
    used = _title_field(s, rows, circle)
    blocks = []
    for i, row in enumerate(rows, 1):
        entries = []
        for spec in s.fields():
            value = getattr(row, spec.name)
            if value == LEFT_OUT or spec.name == "private" or (used and spec.name == used.name):
                continue
            if spec.name in _ONLY_WITH_A_SERVICE and not getattr(row, "keeps_from", None):
                continue  # "agreed to keep it: No" beside an item that keeps nobody from anything
            text = (_needs_quoted(value, circle) if spec.name == "needs" and s.key == "agreement"
                    else as_text(spec, value, circle))
            if spec.name == "needs" and kept_private.get(row.id):
                # That it answers someone's private need, never which one.
                text = ", ".join(t for t in (text, _("a need kept private")) if t)
            if text:
                entries.append(Entry(spec.label, text))
        heading = f"{i}. {_shown(used, row, circle)}" if used else f"{i}."
        blocks.append(Block(heading, tuple(entries)))
    return blocks


def _needs_quoted(ids: list[str], circle: Circle) -> str:
    """The needs an item answers, each in its holder's own words where this copy holds them
    (a kind alone, "Information", says little of what the item is for)."""
    quoted = []
    for need in (n for n in circle.needs if n.id in ids):
        words = "" if need.own_words == LEFT_OUT else clip(need.own_words, 120)
        quoted.append(f"{need.category.label}: “{words}”" if words  # i18n: quotation
                      else need.category.label)
    return "; ".join(quoted)


def _shown(spec: FieldSpec, row: Any, circle: Circle) -> str:
    value = getattr(row, spec.name)
    return "" if value == LEFT_OUT else " ".join(as_text(spec, value, circle).split())


def _title_field(s: Step, rows: list[Any], circle: Circle) -> FieldSpec | None:
    """The first of the fields the step declares to head its rows (``Step.heading``) that
    every row of this copy has, short enough for a heading; else None, and rows are numbered.
    The heading field then shows only in the heading; every other field stays in the body."""
    for name in s.heading if s.model is not None else ():
        spec = field_spec(s.model, name)  # type: ignore[arg-type]
        if all(0 < len(_shown(spec, row, circle)) <= TITLE_MAX for row in rows):
            return spec
    return None


def _left_out(copy: Copy, collections: set[str]) -> list[str]:
    """The labels of the kinds of private detail left out of these rows (never a count or
    a need's kind: those could say whose they were)."""
    labels = {_(field_label(Circle, tuple(path.split(".")))) for path in copy.left_out
              if path.split(".")[0] in collections}
    if copy.hidden_needs and "needs" in collections:
        labels.add(_("Needs that someone keeps private"))
    return sorted(labels)


def _signatures(circle: Circle) -> Section:
    """Who signed which action, and when; the parties still to sign. A support person is
    asked to sign only an item they carry out or support, so is listed only then (or once
    they signed anything): "not signed yet" beside them would say they failed to."""
    asked = {Role.HARMED, Role.CAUSED, Role.ORGANISATION, Role.COMMUNITY}
    carry = {who for item in circle.agreement for who in (item.responsible, item.support)}
    blocks = []
    for p in circle.participants:
        signed = [_("item {number} on {date}").format(number=i, date=format_date(s.signed_on))
                  for i, item in enumerate(circle.agreement, 1)
                  for s in item.signoffs if s.participant == p.id]
        if not (signed or set(p.roles) & asked or p.id in carry):
            continue
        # "Signed: not signed yet" contradicts itself (and worse in translation).
        blocks.append(Block(p.alias, (Entry(_("Signed"), ", ".join(signed)) if signed else
                                      Entry(_("Sign-off"), _("not signed yet")),)))
    return Section(_("Sign-offs"), blocks, empty=_("No parties yet."))


def _unmet(copy: Copy) -> Section:
    """Needs no action answers yet, of those this reader may see."""
    items = [Block(n.category.label, (Entry(_("In their own words"), n.own_words),))
             for n in copy.circle.unmet_needs()]
    return Section(_("Needs no action answers yet"), items,
                   empty=_("Every need you can see here has an action that answers it."))


def _picture(kind: str, circle: Circle) -> Picture | None:
    # matplotlib is imported only when a document with a picture is made.
    if kind == "harm_map":
        from ..render.maps import harm_map_alt, harm_map_png

        return Picture(harm_map_png(circle), harm_map_alt(circle))
    if kind == "follow_up":
        from ..render.charts import progress_alt, progress_png

        return Picture(progress_png(circle), progress_alt(circle))
    return None


def build_document(circle: Circle, kind: str, reader: str | None = None, *,
                   today: date | None = None) -> Document:
    """The document ``kind`` (see ``DOCUMENTS``) of ``circle`` for ``reader``, a participant
    id, in the circle's language.

    It holds only what that person may see (``copy_for``): their own private details, other
    people's where those people chose to share, their own safety plan and nobody else's.
    """
    spec = DOCUMENTS[kind]
    with language(circle.language):
        copy = copy_for(circle, reader)
        visible = copy.circle
        sections = []
        for key in spec.steps:
            s = step(key)
            # "Nothing recorded yet" would be untrue where others' private rows were left out.
            held = bool(s.collection and getattr(circle, s.collection))
            section = Section(_(s.title), _blocks(circle, copy, s), intro=_(s.purpose),
                              empty=_(NOTHING_YOURS) if held else _("Nothing recorded yet."))
            if kind in ("harm_map", "follow_up") and key == spec.steps[0]:
                section.picture = _picture(kind, visible)
            sections.append(section)
        collections = {step(k).collection or "" for k in spec.steps}
        if kind == "agreement":
            sections += [_signatures(visible), _unmet(copy)]
            collections.add("needs")  # the needs it answers are quoted
        when = format_date(today or date.today())
        alias = circle.alias(reader)
        subtitle = (_("For {name} · made on {date}").format(name=alias, date=when) if alias
                    else _("Made on {date}").format(date=when))
        notes = [_("Fictional training scenario: any likeness to real people is "
                   "coincidental.")] if circle.practice else []
        notes.append(_("This copy is for one person. It shows their own details, and other "
                       "people's private details only where those people chose to share "
                       "them."))
        if kind == "safety_plan":
            notes.append(_("Keep this plan where only you, or people you trust, can find it. "
                           "It is yours: nobody else gets a copy of it."))
        return Document(kind=kind, title=_(spec.title), language=circle.language,
                        subtitle=subtitle, sections=sections,
                        left_out=_left_out(copy, collections), notes=notes,
                        filename=file_name(_("{document} for {name}").format(
                            document=_(spec.title), name=alias) if alias else _(spec.title)))


__all__ = ["DOCUMENTS", "build_document"]
