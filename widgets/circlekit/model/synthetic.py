"""Synthetic circles of any size, for tests and benchmarks. Filler text only: no one's story."""

from __future__ import annotations

import random
from datetime import date, timedelta

from .circle import Circle
from .records import (
    Affected,
    AgreementItem,
    CheckIn,
    Consent,
    Harm,
    ItemProgress,
    Need,
    Participant,
    PodEntry,
    SignOff,
)
from .vocab import (
    ConsentScope,
    Directness,
    HarmType,
    ItemKind,
    NeedCategory,
    PodRelation,
    Progress,
    Role,
)


def synthetic_circle(items: int = 10, *, seed: int = 0, research_consent: bool = True,
                     title: str = "Synthetic circle") -> Circle:
    """A valid circle with about ``items`` rows spread over harms, needs and agreement items."""
    rng = random.Random(seed)  # noqa: S311 - filler data, not secrets
    scopes = [ConsentScope.TAKE_PART, ConsentScope.NOTES]
    if research_consent:
        scopes.append(ConsentScope.RESEARCH)
    start = date(2026, 1, 5)
    people = [
        Participant(alias="River", roles=[Role.HARMED],
                    consent=Consent(agreed_to=scopes, given_on=start)),
        Participant(alias="Ash", roles=[Role.CAUSED], consent=Consent(agreed_to=scopes)),
        Participant(alias="Sage", roles=[Role.SUPPORT], consent=Consent(agreed_to=scopes)),
        Participant(alias="Wren", roles=[Role.FACILITATOR], consent=Consent(agreed_to=scopes)),
    ]
    harmed, caused, support = people[0].id, people[1].id, people[2].id
    per = max(1, items // 3)
    harms = [
        Harm(description=f"Filler account number {i} of what happened.",
             when="last winter",
             harm_types=rng.sample(list(HarmType), 2),
             caused_by=[caused],
             affected=[Affected(participant=harmed, directness=Directness.DIRECT,
                                impacts="Filler impact text.")],
             conditions=[])
        for i in range(per)
    ]
    needs = [
        Need(holder=harmed, category=rng.choice(list(NeedCategory)),
             own_words=f"Filler need number {i}.")
        for i in range(per)
    ]
    agreement = [
        AgreementItem(action=f"Filler action number {i}.", kind=rng.choice(list(ItemKind)),
                      responsible=caused, support=support, due=start + timedelta(days=30 + i),
                      needs=[needs[i % len(needs)].id],
                      signoffs=[SignOff(participant=harmed, signed_on=start),
                                SignOff(participant=caused, signed_on=start)])
        for i in range(items - 2 * per if items > 2 * per else 1)
    ]
    pods = [PodEntry(party=harmed, name="Older sister", relation=PodRelation.POD)]
    checkins = [CheckIn(held_on=start + timedelta(days=14),
                        progress=[ItemProgress(item=agreement[0].id, progress=Progress.SOME)],
                        feels_safe=True)]
    return Circle(title=title, participants=people, harms=harms, needs=needs,
                  agreement=agreement, pods=pods, checkins=checkins)
