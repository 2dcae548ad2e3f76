"""Blank paper worksheets, one per step: the form's questions and guidance with space to write.

For groups that keep nothing on a computer, or a meeting where no laptop is safe. A worksheet
holds no circle data at all (it is built from the step declarations alone), and every one ends
with "destroy after use" and what never to write. Fields that tell what happened are left off,
as the default minimal record leaves them off the form.
"""

from __future__ import annotations

from pydantic import BaseModel

from ..content.guidance import NEVER_WRITE
from ..i18n import N_, _, language
from ..model import PARTS, Circle, FieldSpec, Step, field_spec, step
from ..model.fieldspec import _unwrap
from .build import file_name
from .document import Block, Document, Entry, Section

DESTROY = N_("For this meeting only: destroy after use.")
BOX = "☐"  # i18n: a tick box drawn as text


def _space(model: type[BaseModel], spec: FieldSpec) -> str:
    """What goes in the writing column: the choices to tick, or nothing (space to write)."""
    if spec.kind in ("choice", "choices"):
        return "   ".join(f"{BOX} {label}" for label, _value in spec.choices)
    if spec.kind == "bool":
        return f"{BOX} {_('Yes')}   {BOX} {_('No')}"
    if spec.kind == "rows":
        inner, many = _unwrap(model.model_fields[spec.name].annotation)
        parts = " · ".join(p.label for p in (field_spec(inner, n) for n in inner.model_fields)
                           if not p.narrative)
        return _("For each: {parts}").format(parts=parts) if many else parts
    return ""


def _blocks(model: type[BaseModel], names: list[str]) -> list[Block]:
    blocks = []
    for name in names:
        spec = field_spec(model, name)
        if spec.narrative:
            continue
        blocks.append(Block(spec.label, (Entry(spec.help, _space(model, spec)),)))
    return blocks


def _sections(s: Step) -> list[Section]:
    sections = []
    if s.model is not None:
        groups = [(g.title, list(g.fields)) for g in s.groups] or [
            (s.title, list(s.model.model_fields))]
        sections += [Section(_(title), _blocks(s.model, names)) for title, names in groups]
    if s.key == "setup":  # the circle's own questions, asked once
        for name in ("readiness", "process"):
            model, _many = _unwrap(Circle.model_fields[name].annotation)
            sections.append(Section(field_spec(Circle, name).label,
                                    _blocks(model, list(model.model_fields))))
        sections.append(Section(_("What the circle keeps"), _blocks(
            Circle, ["record_mode", "retention", "place"])))
    for part in PARTS:  # the rows of their own a step's page holds (follow-up's goals)
        if part.notebook == s.notebook and part.model is not None:
            sections += [Section(_(g.title), _blocks(part.model, list(g.fields)))
                         for g in part.groups]
    return [s for s in sections if s.blocks]


def build_worksheet(step_key: str, lang: str) -> Document:
    """The blank worksheet of ``step_key`` in ``lang``."""
    s = step(step_key)
    with language(lang):
        title = _("Worksheet: {step}").format(step=_(s.title))
        return Document(
            kind="worksheet", title=title, language=lang,
            subtitle=_(s.purpose), sections=_sections(s), left_out=[],
            notes=[_(n) for n in s.facilitator_notes],
            filename=file_name(title), worksheet=True,
            footer=[_(DESTROY), _(NEVER_WRITE)])


__all__ = ["DESTROY", "build_worksheet"]
