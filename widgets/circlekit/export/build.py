"""Circle → ``Document`` for one reader: the entries come from the step declarations, what the
reader may see from ``copy_for`` (so a document never shows more than that person may see)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..i18n import N_, _, format_date, language
from ..model import LEFT_OUT, Circle, FieldSpec, Role, Step, step
from ..model.display import as_text
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
    Kind("follow_up", N_("Follow-up record"), ("follow_up",)),
    Kind("meetings", N_("Meeting plan"), ("meetings",)),
    Kind("safety_plan", N_("Safety plan"), ("safety_plan",)),
)}


TITLE_MAX = 90


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
            text = as_text(spec, value, circle)
            if spec.name == "needs" and kept_private.get(row.id):
                # That it answers someone's private need, never which one.
                text = ", ".join(t for t in (text, _("a need kept private")) if t)
            if text:
                entries.append(Entry(spec.label, text))
        heading = f"{i}. {_shown(used, row, circle)}" if used else f"{i}."
        blocks.append(Block(heading, tuple(entries)))
    return blocks


# Never a person: a harm headed "1. Dario" reads as an accusation in everyone's copy.
TITLE_KINDS = ("text", "longtext", "date", "choice", "choices")


def _shown(spec: FieldSpec, row: Any, circle: Circle) -> str:
    value = getattr(row, spec.name)
    return "" if value == LEFT_OUT else " ".join(as_text(spec, value, circle).split())


def _title_field(s: Step, rows: list[Any], circle: Circle) -> FieldSpec | None:
    """The field that names every row of a section in its heading, whole and only there.

    The first field, in the step's order, that every row has, short enough for a heading
    and telling the rows apart: an action when all are short, else e.g. its kind or a date
    (never a person, never a later private field). The same field for every row, so the headings
    of a section read alike; none (headings are numbers) rather than a text cut short and
    repeated below it.
    """
    for n, spec in enumerate(s.fields()):
        # A later private detail (a harm's "when") would name the row by what it hides.
        if spec.kind not in TITLE_KINDS or spec.name == "private" or (n and spec.private):
            continue
        shown = [_shown(spec, row, circle) for row in rows]
        if (all(0 < len(t) <= TITLE_MAX for t in shown)
                and (len(rows) < 2 or len(set(shown)) > 1)):
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
    """Who signed which action, and when; the parties still to sign."""
    parties = [p for p in circle.participants if set(p.roles) - {Role.FACILITATOR}]
    blocks = []
    for p in parties:
        signed = [_("item {number} on {date}").format(number=i, date=format_date(s.signed_on))
                  for i, item in enumerate(circle.agreement, 1)
                  for s in item.signoffs if s.participant == p.id]
        blocks.append(Block(p.alias, (Entry(_("Signed"), ", ".join(signed) or
                                            _("not signed yet")),)))
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
            section = Section(_(s.title), _blocks(circle, copy, s),
                              intro=_(s.purpose), empty=_("Nothing recorded yet."))
            if kind in ("harm_map", "follow_up"):
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
                        filename=file_name(_(spec.title)))


__all__ = ["DOCUMENTS", "build_document"]
