"""The parts of the process that are not numbered steps: meeting plans, the safety plan and
the facilitator's debrief, made whenever they are needed, and the lists of rows a step's page
holds besides its own (follow-up's goals)."""

from __future__ import annotations

from .declaration import Group, RowWords, Step
from .records import Debrief, Goal, MeetingPlan, SafetySituation

# Each joint meeting's plan: whenever a meeting is coming, so not one of the numbered steps.
MEETINGS_STEP = Step(
    key="meetings",
    number=10,
    title="Meeting plans",
    notebook="08_meeting_plans.ipynb",
    purpose="For each joint meeting: the keeper, opening and closing rounds, a talking piece, "
    "the values the group chose, breaks, an overdose-aware plan and what people need to "
    "come. Printable for the keeper.",
    facilitator_notes=(
        "Plan each meeting with its keeper, and tell everyone coming how it will go.",
        "Hard meetings raise the risk of overdose, in the hours after most of all: naloxone "
        "in the room, nobody leaving alone and ashamed, someone to call.",
        "If someone arrives intoxicated, check in with them; reschedule rather than exclude.",
        "Time meetings around OST dosing, work and childcare, and cover what it costs to "
        "come.",
    ),
    model=MeetingPlan,
    collection="meetings",
    heading=("held_on",),
    groups=(
        Group("The meeting", ("held_on", "purpose", "keeper")),
        Group("How the circle is held", ("talking_piece", "values", "opening",
                                         "closing_round", "breaks")),
        Group("Safety and access", ("overdose", "naloxone_by", "access")),
    ),
    rows=RowWords("Add a meeting", "Delete this meeting", "New meeting",
                  "Editing meeting {number}", "Which meeting"),
)


# Made whenever it is needed, often before the circle meets (setup says: if anyone is in
# immediate danger, make a safety plan first), so it is not one of the numbered steps.
SAFETY_STEP = Step(
    key="safety_plan",
    number=7,
    title="Safety plan",
    notebook="07_safety_plan.ipynb",
    purpose="For each situation that could become dangerous: the warning signs, what to do "
    "and not to do, who to call, safe places and friendly services. It ends in a plan the "
    "person can take home.",
    facilitator_notes=(
        "Make the plan with the person it belongs to, in private, and only with what they "
        "want written down.",
        "Police are not the default contact. Ask who they would call, and whether calling "
        "police would make them safer or less safe.",
        "Go through the situations the person names: a partner turning violent, using alone, "
        "being stopped by police, losing housing.",
        "For know-your-rights basics (what to say and not to say if stopped), ask a local "
        "legal group or drug-user union, and write down only what the person needs to "
        "remember.",
        "A plan goes only to the person it belongs to. Never give one person's safety plan to "
        "anyone else.",
        "Refer to friendly services: shelters that accept women who use drugs, opioid "
        "substitution treatment, harm-reduction services and legal help.",
        "Decide together where the printed plan is kept, so it does not put the person at "
        "risk if someone else finds it.",
    ),
    model=SafetySituation,
    collection="safety_plan",
    heading=("situation",),
    groups=(
        Group("The situation", ("holder", "situation", "warning_signs")),
        Group("What to do", ("what_to_do", "what_not_to_do")),
        Group("Who and where", ("who_to_call", "safe_places", "services")),
    ),
    rows=RowWords("Add a situation", "Delete this situation", "New situation",
                  "Editing situation {number}", "Which situation"),
)


# The facilitator's own page: never in any document, copy or export.
DEBRIEF_STEP = Step(
    key="debrief",
    number=9,
    title="Facilitator's debrief",
    notebook="07a_facilitator_debrief.ipynb",
    purpose="For the facilitator alone: how you are, who you debrief with, and whether to "
    "step down. It is never in any document, copy or export.",
    facilitator_notes=(
        "Nobody should hold a circle alone: debrief with a co-facilitator, a supervisor or a "
        "peer after each meeting.",
        "Step down when you are too close to the people or too depleted: handing a circle on "
        "protects everyone in it.",
    ),
    model=Debrief,
    groups=(
        Group("After the meetings", ("how_i_am", "support", "care")),
        Group("Am I ready for this circle?", (
            "ready_time", "ready_energy", "close_harmed", "close_caused", "own_history",
            "holds_power", "trained", "debriefs", "curious", "no_shaming", "knows_services",
            "knows_reporting", "can_step_back")),
        Group("Going on", ("step_down",)),
    ),
)

# Each person's goals, reviewed at check-ins: a part of the follow-up step's page, with rows
# of its own (a step's page can hold more than one list).
GOALS = Step(
    key="goals",
    number=7,
    title="Goals and review points",
    notebook="06_follow_up.ipynb",
    purpose="Each person's own goals, the date the circle reviews each one, and how a goal "
    "reached was marked.",
    facilitator_notes=(
        "Goals are about what people will do or have, in their own words, never about what "
        "happened.",
        "Review them at check-ins. A goal reached is worth marking together, the way its "
        "person chooses.",
    ),
    model=Goal,
    collection="goals",
    groups=(
        Group("The goal", ("person", "goal", "review_on")),
        Group("Marking progress", ("reached", "marked")),
    ),
    rows=RowWords("Add a goal", "Delete this goal", "New goal", "Editing goal {number}",
                  "Which goal"),
)
