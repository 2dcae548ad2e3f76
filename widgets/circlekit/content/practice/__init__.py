"""Fictional practice circles for training facilitators.

Every scenario here is invented and composite: the people, places and organisations do not
exist and are not drawn from the case studies' sources. A practice circle is always marked
``practice`` so it never counts in research frames.

Each scenario is written once, in English; a copy opens in the language asked for, every
text of it translated from the catalogs (``texts`` lists them for the message extractor).
The newer scenarios keep the default minimal record: needs, agreements and decisions in
people's own words, no account of what happened and no admission, as a real circle should.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

from ...i18n import _, current, language
from ...model import Circle, field_spec
from ...model.vocab import Language
from .first import drop_in_volunteer, outreach_night, shared_flat
from .harm_reduction import (
    after_the_break_up,
    booking_phone,
    one_clinic,
    peer_group,
    the_coordinator,
)

FICTIONAL = "Fictional training scenario: any likeness to real people is coincidental."


@dataclass(frozen=True)
class Scenario:
    key: str
    title: str
    premise: str
    content_note: str
    build: Callable[[], Circle]


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("drop-in-volunteer", "The drop-in volunteer",
             "A volunteer at a drop-in centre harassed a woman who comes there, and spread a "
             "rumour about her drug use. The centre is part of the circle.",
             "Describes sexual harassment and coercion.", drop_in_volunteer),
    Scenario("shared-flat", "The shared flat",
             "A housemate kept a woman's rent money and told the landlord she uses drugs.",
             "Describes financial harm and a threat of eviction.", shared_flat),
    Scenario("outreach-night", "The outreach night",
             "During a police stop, one peer outreach worker blamed another, who was held "
             "overnight.",
             "Describes a police stop and detention.", outreach_night),
    Scenario("booking-phone", "The booking phone",
             "In a sex workers' collective, the worker who ran the booking phone kept part of "
             "two co-workers' earnings and pressed them to take clients they refused.",
             "Describes financial exploitation and coercion at work.", booking_phone),
    Scenario("after-the-break-up", "After the break-up",
             "Two people who use drugs and shared a flat split up after violence between "
             "them; both use the same needle exchange.",
             "Describes violence between partners.", after_the_break_up),
    Scenario("peer-group", "The peer group",
             "In a peer support group, a member kept calling a trans woman by a name she no "
             "longer uses and talked about her life to others.",
             "Describes transphobia and outing.", peer_group),
    Scenario("the-coordinator", "The coordinator",
             "The coordinator of a drug users' union took paid peer work away from a member "
             "who disagreed with him. He would not take part; the union and the member went "
             "on without him.",
             "Describes abuse of power at work.", the_coordinator),
    Scenario("one-clinic", "One clinic",
             "Two people collect methadone at the same clinic; one has been threatening the "
             "other in the queue. Neither should have to leave the clinic.",
             "Describes threats and intimidation.", one_clinic),
)

M = TypeVar("M", bound=BaseModel)


def _each_text(model: M, change: Callable[[str], str]) -> M:
    """``model`` with ``change`` applied to every text a person wrote in it (nested records and
    lists of texts included; ids, references and choices are not texts)."""
    updates: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            updates[name] = _each_text(value, change)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            updates[name] = [_each_text(row, change) for row in value]
        elif name == "id" or not value or not isinstance(value, (str, list)):
            continue
        elif isinstance(value, list):
            if isinstance(value[0], str) and field_spec(type(model), name).kind not in (
                    "choices", "refs"):
                updates[name] = [change(v) for v in value]
        elif field_spec(type(model), name).kind in ("text", "longtext"):
            updates[name] = change(value)
    return model.model_copy(update=updates)


def texts_in(model: BaseModel) -> list[str]:
    """Every text a person wrote in ``model``, in order: what ``practice_circle`` translates."""
    found: list[str] = []

    def keep(text: str) -> str:
        found.append(text)
        return text

    _each_text(model, keep)
    return found


def texts(scenario: Scenario) -> list[str]:
    """Every text a copy of ``scenario`` shows, in English (the catalogs' message ids)."""
    return texts_in(scenario.build())


def practice_circle(key: str, lang: str | None = None) -> Circle:
    """A fresh copy of the scenario ``key`` (new ids each time), marked practice, in ``lang``
    (default: the active language): its texts translated, its pages in that language."""
    for s in SCENARIOS:
        if s.key == key:
            with language(lang or current()) as code:
                circle = _each_text(s.build(), _)
            circle.language = Language(code)
            return circle
    raise KeyError(key)
