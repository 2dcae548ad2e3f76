"""Circle → ``Document``: the entries come from the step declarations, private details from
``redact`` (so a document can never show more than an export would)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..i18n import N_, _, format_date, language, ngettext
from ..model import LEFT_OUT, Circle, Role, Step, redact, step
from ..model.display import as_text
from ..model.errors import field_label
from ..model.fields import is_private
from .document import Block, Document, Entry, Picture, Section


@dataclass(frozen=True)
class Kind:
    key: str
    title: str
    steps: tuple[str, ...]  # the steps whose rows it shows, in order
    filename: str


DOCUMENTS: dict[str, Kind] = {k.key: k for k in (
    Kind("agreement", N_("Repair agreement"), ("agreement",), "repair-agreement"),
    Kind("needs", N_("Needs summary"), ("needs",), "needs-summary"),
    Kind("harm_map", N_("Harm map"), ("harm_map",), "harm-map"),
    Kind("follow_up", N_("Follow-up record"), ("follow_up",), "follow-up-record"),
    Kind("safety_plan", N_("Safety plan"), ("safety_plan",), "safety-plan"),
)}


def _hidden_nested(shared: bool, model: Any) -> frozenset[str]:
    if shared:
        return frozenset()
    return frozenset(n for n, info in model.model_fields.items() if is_private(info))


def _blocks(circle: Circle, s: Step, shared: bool, title: Callable[[int, Any], str]
            ) -> list[Block]:
    blocks = []
    for i, row in enumerate(getattr(circle, s.collection or ""), 1):
        entries = []
        for spec in s.fields():
            value = getattr(row, spec.name)
            if value == LEFT_OUT or (spec.private and not shared) or spec.name == "private":
                continue
            inner = type(value[0]) if isinstance(value, list) and value and hasattr(
                value[0], "model_fields") else None
            text = as_text(spec, value, circle,
                           hidden=_hidden_nested(shared, inner) if inner else frozenset())
            if text:
                entries.append(Entry(spec.label, text))
        blocks.append(Block(title(i, row), tuple(entries)))
    return blocks


def _row_title(s: Step) -> Callable[[int, Any], str]:
    first_text = next((f.name for f in s.fields() if f.kind in ("text", "longtext")
                       and not f.private), None)

    def title(i: int, row: Any) -> str:
        text = str(getattr(row, first_text, "")) if first_text else ""
        text = " ".join(text.split())
        return f"{i}. {text[:80]}" if text and text != LEFT_OUT else f"{i}."

    return title


def _left_out(paths: list[str], collections: set[str]) -> list[str]:
    """``3 × In their own words`` style sentences for the private details of these rows."""
    counts = Counter(field_label(Circle, tuple(int(p) if p.isdigit() else p
                                               for p in path.split(".")))
                     for path in paths if path.split(".")[0] in collections)
    return [ngettext("{label}: {n} entry", "{label}: {n} entries", n).format(
        label=_(label), n=n) for label, n in sorted(counts.items())]


def _signatures(circle: Circle) -> Section:
    """Who signed which action, and when; the parties still to sign."""
    parties = [p for p in circle.participants if set(p.roles) - {Role.FACILITATOR}]
    blocks = []
    for p in parties:
        signed = [f"{i}. ({format_date(s.signed_on)})" for i, item in
                  enumerate(circle.agreement, 1) for s in item.signoffs if s.participant == p.id]
        blocks.append(Block(p.alias, (Entry(_("Signed"), ", ".join(signed) or
                                            _("not signed yet")),)))
    return Section(_("Sign-offs"), blocks, empty=_("No parties yet."))


def _unmet(circle: Circle, shared: bool) -> Section:
    items = []
    for n in circle.unmet_needs():
        words = n.own_words if shared and n.own_words != LEFT_OUT else ""
        items.append(Block(n.category.label, (Entry(_("In their own words"), words),)
                           if words else ()))
    return Section(_("Needs no action answers yet"), items,
                   empty=_("Every need has an action that answers it."))


def _picture(kind: str, circle: Circle) -> Picture | None:
    # matplotlib is imported only when a document with a picture is made.
    if kind == "harm_map":
        from ..views.maps import harm_map_png

        return Picture(harm_map_png(circle), _("The harm map: who caused and who was affected "
                                               "by each harm, and the conditions behind it."))
    if kind == "follow_up":
        from ..views.charts import progress_png

        return Picture(progress_png(circle), _("Progress on each agreement item at each "
                                               "check-in."))
    return None


def build_document(circle: Circle, kind: str, *, today: date | None = None) -> Document:
    """The document ``kind`` (see ``DOCUMENTS``) of ``circle``, in the circle's language."""
    spec = DOCUMENTS[kind]
    with language(circle.language):
        visible, paths = redact(circle)
        shared = circle.sharing.share_private
        sections = []
        for key in spec.steps:
            s = step(key)
            section = Section(_(s.title), _blocks(visible, s, shared, _row_title(s)),
                              intro=_(s.purpose), empty=_("Nothing recorded yet."))
            if kind in ("harm_map", "follow_up"):
                section.picture = _picture(kind, visible)
            sections.append(section)
        collections = {step(k).collection or "" for k in spec.steps}
        if kind == "agreement":
            sections += [_signatures(visible), _unmet(visible, shared)]
            collections.add("needs")  # the needs it answers are quoted
        name = circle.title if shared else ""
        when = format_date(today or date.today())
        subtitle = (_("{circle} · made on {date}").format(circle=name, date=when) if name
                    else _("Made on {date}").format(date=when))
        notes = [_("Fictional training scenario: any likeness to real people is "
                   "coincidental.")] if circle.practice else []
        if kind == "safety_plan":
            notes.append(_("Keep this plan where only you, or people you trust, can find it."))
        return Document(kind=kind, title=_(spec.title), language=circle.language,
                        subtitle=subtitle, sections=sections,
                        left_out=_left_out(paths, collections), notes=notes,
                        filename=spec.filename)


__all__ = ["DOCUMENTS", "build_document"]
