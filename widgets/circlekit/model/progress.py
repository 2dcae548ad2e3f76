"""Where a circle stands, step by step: what is done and what is still to do.

The stepper and the to-do list under each step read this; nothing here blocks a save.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..i18n import _
from .circle import Circle
from .vocab import Role


@dataclass(frozen=True)
class StepState:
    started: bool
    todo: list[str] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.started and not self.todo


def step_states(circle: Circle) -> dict[str, StepState]:
    """For each step key, whether it has anything in it and what is still missing."""
    setup = [_("Choose a role for {name}.").format(name=p.alias)
             for p in circle.participants if not p.roles]
    if circle.participants and not any(Role.HARMED in p.roles for p in circle.participants):
        setup.append(_("No one has the role “Person harmed” yet."))
    harms = [_("Harm {number}: choose at least one kind of harm.").format(number=i)
             for i, h in enumerate(circle.harms, 1) if not h.harm_types]
    items = [_("Agreement item {number}: link it to the need(s) it answers.").format(number=i)
             for i, a in enumerate(circle.agreement, 1) if not a.needs]
    return {
        "setup": StepState(bool(circle.participants), setup),
        "harm_map": StepState(bool(circle.harms), harms),
        "pods": StepState(bool(circle.pods)),
        "needs": StepState(bool(circle.needs)),
        "agreement": StepState(bool(circle.agreement), items),
        "follow_up": StepState(bool(circle.checkins)),
        "safety_plan": StepState(bool(circle.safety_plan)),
    }


__all__ = ["StepState", "step_states"]
