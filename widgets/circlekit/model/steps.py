"""The process, declared once.

Each step names the part of the circle it edits, the model that holds it, the order in which
its questions are asked (small groups), and the facilitator's notes. Labels, help text and
private flags come from the model's fields, so forms, documents, the book and the research
frames can never disagree about them.
"""

from __future__ import annotations

from .declaration import Group, RowWords, Step
from .other_steps import DEBRIEF_STEP, GOALS, MEETINGS_STEP, SAFETY_STEP
from .records import (
    AccountabilityWork,
    AgreementItem,
    CheckIn,
    Closing,
    Harm,
    Need,
    Participant,
    PodEntry,
)

STEPS: tuple[Step, ...] = (
    Step(
        key="setup",
        number=1,
        title="Circle setup",
        notebook="01_circle_setup.ipynb",
        purpose="Who is in the circle, in which roles, what each person agreed to, the group's "
        "agreements, and whether it is safe and right to go ahead.",
        facilitator_notes=(
            "Meet each person alone first. Ask for consent separately and record only what "
            "they said yes to.",
            "Use aliases. Nobody's legal name belongs in this app.",
            "If anyone is in immediate danger, stop here and make a safety plan first.",
            "The person harmed chooses whether this process happens at all.",
            "Before anyone tells their story, ask whether anyone in the circle is a mandated "
            "reporter, and say plainly what that person would have to report. In some places "
            "every adult is one.",
            "Choose with the person harmed how much the circle writes down. A minimal record "
            "keeps needs, agreements and decisions: what happened is said, not typed.",
            "Set the rule for deleting the records now, while nothing is known: it is safe to "
            "apply a routine rule, never to destroy records once a case is known or likely.",
            "Each person decides for themselves whether their private details go into other "
            "people's copies.",
            "When roles are contested, a counter-accusation does not swap who is supported: "
            "listen for denial that turns the blame around (DARVO). Harm on both sides needs "
            "separate circles or separate facilitators. If the process is being used to reach "
            "or pressure the person harmed, stop it and make a safety plan first.",
            "A circle is not an investigation: it does not decide who is telling the truth. "
            "If the person harmed wants no process but others are at risk, the organisation "
            "still owes them safety: a safety plan, and changes to who does what.",
            "The person harmed chooses the format and approves who attends. Anyone can ask for "
            "a pause, and the person harmed can withdraw at any time.",
            "Plan meetings around the people in them: no sobriety requirement, times that fit "
            "OST dosing and work hours, naloxone on site, food, transport and phone credit, and "
            "a place that does not expose anyone to police.",
        ),
        model=Participant,
        collection="participants",
        heading=("alias",),
        groups=(
            Group("Who is this?", ("alias", "roles")),
            Group("Consent and contact", ("consent", "contact_preference", "shares_private")),
            Group("To take part", ("access",)),
        ),
        rows=RowWords("Add a participant", "Delete this participant", "New participant",
                      "Editing participant {number}", "Which participant"),
    ),
    Step(
        key="harm_map",
        number=2,
        title="Harm mapping",
        notebook="02_harm_map.ipynb",
        purpose="That a harm happened, its kinds, who was affected directly or indirectly, and "
        "the structural conditions (police, prohibition, stigma, power) behind it.",
        facilitator_notes=(
            "What happened is said in the circle, not typed. A harm with its kinds and who was "
            "affected is a complete record; a circle keeping fuller notes writes only what "
            "the person harmed wants written down, in their words.",
            "Name structural conditions as well as individual actions: harm happens inside "
            "prohibition, policing, stigma and power in organisations.",
            "Ask who else was touched by this harm: partners, children, friends, the community.",
            "Record only what the process needs, with a rough period rather than a date. "
            "Nothing here should read as evidence: no admissions, no facts of a case.",
        ),
        model=Harm,
        collection="harms",
        groups=(
            Group("What happened", ("description", "when", "where")),
            Group("What kind of harm", ("harm_types", "other_kind", "caused_by")),
            Group("Who was affected, and how", ("affected", "others_affected")),
            Group("What made it possible", ("conditions", "other_condition")),
        ),
        rows=RowWords("Add a harm", "Delete this harm", "New harm",
                      "Editing harm {number}", "Which harm"),
    ),
    Step(
        key="pods",
        number=3,
        title="Support pods",
        notebook="03_support_pods.ipynb",
        purpose="For each party, the people and organisations they can rely on, the ones who "
        "could be moved closer, and the barriers.",
        facilitator_notes=(
            "A pod is the few people someone would call on when things get hard.",
            "Organisations count: a harm-reduction service or a friendly doctor can be a "
            "resource.",
        ),
        model=PodEntry,
        collection="pods",
        heading=("name",),
        groups=(
            Group("Whose pod", ("party",)),
            Group("Who is in it", ("name", "kind", "relation", "notes")),
        ),
        rows=RowWords("Add a pod entry", "Delete this pod entry", "New pod entry",
                      "Editing pod entry {number}", "Which pod entry"),
    ),
    Step(
        key="needs",
        number=4,
        title="Needs",
        notebook="04_needs.ipynb",
        purpose="What the person harmed needs now, in their own words, and who could meet it.",
        facilitator_notes=(
            "Needs change; revisit them. Earlier versions stay in the history.",
            "Needs are private by default: a private need appears only in its holder's own "
            "copy. Its holder decides whether everyone's copies may show it.",
        ),
        model=Need,
        collection="needs",
        heading=("category",),
        groups=(
            Group("The need", ("holder", "category", "own_words")),
            Group("Priority and status", ("priority", "who_could_meet", "status", "private")),
        ),
        rows=RowWords("Add a need", "Delete this need", "New need",
                      "Editing need {number}", "Which need"),
    ),
    Step(
        key="accountability",
        number=5,
        title="Accountability work",
        notebook="04a_accountability.ipynb",
        purpose="The work of the person who caused harm: what they need to stay accountable, "
        "what they will do differently, who supports them, their own safety, and an apology "
        "if the person harmed wants one.",
        facilitator_notes=(
            "This page belongs to the person who caused harm: its details are private and "
            "theirs to share.",
            "Their reflection on what happened is spoken with their pod, not written here. A "
            "record of it could be read as an admission: keep to needs, changes and support.",
            "Work on denial, minimising and blame-shifting with them and their pod before any "
            "joint meeting. Accountability is a process that takes time.",
            "An apology only if the person harmed wants one, in the form they choose. Prepare "
            "it here: the draft is never saved, and the record keeps only whether it was "
            "offered and accepted.",
            "They need support too: people who care about them and will hold them to the "
            "work. Shame after a hard meeting is a known overdose risk: talk through not "
            "using alone and carrying naloxone.",
        ),
        model=AccountabilityWork,
        collection="accountability",
        groups=(
            Group("Whose work", ("person",)),
            Group("Staying accountable", ("own_needs", "accountability_pod",
                                          "doing_differently", "learning", "denial")),
            Group("Support and safety", ("own_safety", "overdose_check")),
            Group("Apology", ("apology", "apology_offered", "apology_received")),
        ),
        rows=RowWords("Add accountability work", "Delete this accountability work",
                      "New accountability work", "Editing accountability work {number}",
                      "Whose accountability work"),
    ),
    Step(
        key="agreement",
        number=6,
        title="Repair agreement",
        notebook="05_repair_agreement.ipynb",
        purpose="Concrete actions that answer the needs: who, what, by when, with whose "
        "support, and each party's sign-off.",
        facilitator_notes=(
            "Every action should answer a need; the page shows needs nothing answers yet.",
            "Actions must be possible for the person responsible, with support named.",
            "Nothing is agreed until each party signs it off.",
        ),
        model=AgreementItem,
        collection="agreement",
        heading=("action", "kind"),
        groups=(
            Group("The action", ("action", "kind", "needs")),
            Group("Who and when", ("responsible", "support", "due", "status")),
            Group("Shared services", ("keeps_from", "kept_because", "kept_agreed")),
            Group("Sign-off", ("signoffs",)),
        ),
        rows=RowWords("Add an agreement item", "Delete this agreement item", "New agreement item",
                      "Editing agreement item {number}", "Which agreement item"),
    ),
    Step(
        key="follow_up",
        number=7,
        title="Follow-up",
        notebook="06_follow_up.ipynb",
        purpose="Check-ins on each action: progress, setbacks, how people feel, and the next "
        "date, until the agreement is complete.",
        facilitator_notes=(
            "Check in with the person harmed privately about safety before each check-in.",
            "Setbacks happen. The person harmed decides whether to renegotiate, pause or end. "
            "Repeated harm or retaliation ends the agreement and starts safety planning.",
            "Anyone can withdraw their sign-off of an item: untick it, and talk about it at the "
            "next check-in.",
        ),
        model=CheckIn,
        collection="checkins",
        heading=("held_on",),
        groups=(
            Group("When", ("held_on", "next_on")),
            Group("How it is going", ("progress", "feels_safe", "feelings", "notes")),
            Group("Marking progress", ("milestone",)),
        ),
        rows=RowWords("Add a check-in", "Delete this check-in", "New check-in",
                      "Editing check-in {number}", "Which check-in"),
    ),
    Step(
        key="closing",
        number=8,
        title="Closing",
        notebook="06a_closing.ipynb",
        purpose="How the circle ends: a closing check with the person harmed, a closing "
        "circle if people want one, and what happens to the records.",
        facilitator_notes=(
            "A circle can end without an agreement, or because the person harmed withdrew: "
            "that is an ending too, not a failure.",
            "Ask the person harmed alone whether the process is complete for them.",
            "Decide with the person harmed what happens to the records. Deleting the circle "
            "is offered here, and is final.",
        ),
        model=Closing,
        groups=(
            Group("The ending", ("ending", "closing_check", "closing_circle_on")),
            Group("The records", ("records",)),
        ),
    ),
)


EXTRA_STEPS = (MEETINGS_STEP, SAFETY_STEP, DEBRIEF_STEP)
ALL_STEPS = (*STEPS, *EXTRA_STEPS)
PARTS = (GOALS,)  # lists of rows on a step's page that are not steps of their own


def step(key: str) -> Step:
    for s in (*ALL_STEPS, *PARTS):
        if s.key == key:
            return s
    raise KeyError(key)

