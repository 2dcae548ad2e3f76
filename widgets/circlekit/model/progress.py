"""Where a circle stands, step by step: what is done and what is still to do.

The stepper and the to-do list under each step read this; nothing here blocks a save.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from ..i18n import _
from .circle import Circle
from .fieldspec import field_spec
from .harm_reduction import unanswered_items
from .readiness import waiting, without_them
from .records import Closing, Debrief
from .records.closing import HAND_ON
from .vocab import RecordsDecision, Retention, Role

# 12.03.2026, 3/12/26, 2026-03-12: a day that can identify someone, where a period would do.
EXACT_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b")


@dataclass(frozen=True)
class StepState:
    started: bool
    todo: list[str] = field(default_factory=list)
    waits: str = ""  # why readiness holds this step back, if it does
    note: str = ""  # what goes on without someone who is not taking part

    @property
    def done(self) -> bool:
        return self.started and not self.todo and not self.waits


def step_states(circle: Circle) -> dict[str, StepState]:
    """For each step key, whether it has anything in it and what is still missing."""
    setup = [_("Choose a role for {name}.").format(name=p.alias)
             for p in circle.participants if not p.roles]
    if circle.participants and not any(Role.HARMED in p.roles for p in circle.participants):
        setup.append(_("No one has the role “Person harmed” yet."))
    if circle.participants and circle.readiness.mandated_reporter is None:
        setup.append(_("Ask whether anyone in the circle is a mandated reporter, before "
                       "anyone tells their story."))
    if circle.participants and circle.retention is Retention.NOT_SET:
        setup.append(_("Choose when the records are deleted, under “What the circle "
                       "keeps”."))
    harms = [_("Harm {number}: choose at least one kind of harm.").format(number=i)
             for i, h in enumerate(circle.harms, 1) if not h.harm_types]
    harms += [_("Harm {number}: “When” looks like an exact date; a rough period (“last "
                "winter”) is safer.").format(number=i)
              for i, h in enumerate(circle.harms, 1) if EXACT_DATE.search(h.when)]
    items = [_("Agreement item {number}: link it to the need(s) it answers.").format(number=i)
             for i, a in enumerate(circle.agreement, 1) if not a.needs]
    items += [_("Agreement item {number}: answer its harm-reduction warning before anyone "
                "signs it.").format(number=i) for i in unanswered_items(circle)]
    # A goal whose review date has come, not yet reached: the check-in looks at it together.
    goals = [_("Goal {number}: its review date has come; look at it together at the next "
               "check-in.").format(number=i)
             for i, g in enumerate(circle.goals, 1)
             if g.review_on is not None and g.review_on <= date.today() and not g.reached]
    debrief = []
    flagged = [field_spec(Debrief, name).label for name, answer in HAND_ON
               if getattr(circle.debrief, name) is answer]
    if flagged:
        debrief.append(_("Your answers say to bring in another facilitator, or at least a "
                         "co-facilitator: {answers}").format(answers=" · ".join(flagged)))
    closing = []
    if circle.closing.records is RecordsDecision.DELETE:
        closing.append(_("The records are to be deleted: delete the circle below."))
    states = {
        "setup": StepState(bool(circle.participants), setup),
        "harm_map": StepState(bool(circle.harms), harms),
        "pods": StepState(bool(circle.pods)),
        "needs": StepState(bool(circle.needs)),
        "accountability": StepState(bool(circle.accountability)),
        "agreement": StepState(bool(circle.agreement), items),
        "follow_up": StepState(bool(circle.checkins), goals),
        "closing": StepState(circle.closing != Closing(), closing),
        "meetings": StepState(bool(circle.meetings)),
        "safety_plan": StepState(bool(circle.safety_plan)),
        "debrief": StepState(circle.debrief != Debrief(), debrief),
    }
    for key, why in waiting(circle).items():
        states[key] = replace(states[key], waits=why)
    for key, note in without_them(circle).items():
        states[key] = replace(states[key], note=note)
    return states


__all__ = ["StepState", "step_states"]


def todo_list(circle: Circle) -> list[str]:
    """What is still missing, as plain sentences (shown as a to-do list, never blocking)."""
    return [todo for state in step_states(circle).values() for todo in state.todo]
