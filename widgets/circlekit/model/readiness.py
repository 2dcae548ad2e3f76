"""Readiness decides: which steps wait, and why, in plain words.

Setup, the safety plan, closing and the facilitator's debrief never wait: a safety plan can
come first whenever anyone is in danger, and a circle can always be ended. The first rule
that applies gives the reason every waiting step shows.
"""

from __future__ import annotations

from ..i18n import _
from .circle import Circle
from .vocab import CircleStatus, Decision, Engagement, Format

ALWAYS_OPEN = frozenset({"setup", "meetings", "safety_plan", "closing", "debrief"})
# Support for the person harmed goes on without the person who caused harm.
SUPPORT = frozenset({"pods", "needs"})
WITH_THE_PERSON_WHO_CAUSED_HARM = frozenset({"accountability", "agreement", "follow_up"})


def _rule(circle: Circle) -> tuple[frozenset[str], str] | None:
    """The steps that wait and why, or None when nothing waits."""
    r, everything = circle.readiness, frozenset({"harm_map", "pods", "needs", "accountability",
                                                 "agreement", "follow_up"})
    if r.immediate_danger or r.coercive_control:
        return everything, _("Someone may be in danger. Make a safety plan first; this step "
                             "waits until readiness in setup says it is safe to go on.")
    if r.child_sexual_abuse:
        return everything, _("A harm that involves sexual abuse of a child needs specialist "
                             "support, not a community circle alone. This step waits; make a "
                             "safety plan and find that support.")
    if r.harmed_party_chooses is False:
        return everything - SUPPORT, _("The person harmed has not chosen this process. This "
                                       "step waits until they do; support, needs and a safety "
                                       "plan can go on.")
    decided = {
        Decision.NOT_NOW: (everything, _("Readiness decided: not now. This step waits until "
                                         "setup says otherwise.")),
        Decision.SAFETY_FIRST: (everything, _("Readiness decided: a safety plan first. This "
                                              "step waits until setup says to go on.")),
        Decision.SUPPORT_ONLY: (everything - SUPPORT, _("Readiness decided: support for the "
                                                        "person harmed only, so this step is "
                                                        "not used.")),
        Decision.ORGANISATION: (everything, _("Readiness decided: an organisational process "
                                              "instead of a circle, so this step is not "
                                              "used.")),
    }
    if r.decision in decided:
        return decided[r.decision]
    if circle.process.format is Format.SUPPORT_ONLY:
        return everything - SUPPORT, _("The person harmed chose support for themselves only, "
                                       "so this step is not used.")
    if circle.status is CircleStatus.PAUSED:
        return WITH_THE_PERSON_WHO_CAUSED_HARM, _("The circle is paused. This step waits "
                                                  "until the person harmed chooses to go on "
                                                  "(setup: stage).")
    return None


def without_them(circle: Circle) -> dict[str, str]:
    """When the person who caused harm will not or cannot take part: for each step that
    needs them, what can go on without them (a note, not a wait)."""
    away = circle.invitation.engagement in (Engagement.NOT_REACHABLE, Engagement.REFUSED)
    if circle.readiness.caused_willing is not False and not away:
        return {}
    rest = _("The person who caused harm is not taking part, for now. Items for the "
             "organisation, the community or the support of the person harmed can be agreed "
             "and followed up; their own items wait for them.")
    return {"accountability": _("The person who caused harm is not taking part, for now. "
                                "Record below who approaches them, how, and when to stop "
                                "trying; their own work waits for them."),
            "agreement": rest, "follow_up": rest}


def waiting(circle: Circle) -> dict[str, str]:
    """For each step that waits, the sentence that says why."""
    found = _rule(circle)
    if found is None:
        return {}
    steps, reason = found
    return {key: reason for key in steps - ALWAYS_OPEN}


__all__ = ["ALWAYS_OPEN", "waiting", "without_them"]
