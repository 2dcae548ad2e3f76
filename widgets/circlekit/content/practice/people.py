"""What every practice circle is made of: people who consented, items they signed, and a
harm as a minimal record keeps it."""

from __future__ import annotations

from datetime import date

from ...model import (
    Affected,
    AgreementItem,
    Condition,
    Consent,
    ConsentScope,
    Directness,
    Harm,
    HarmType,
    Participant,
    Role,
    SignOff,
)

ALL_CONSENT = [ConsentScope.TAKE_PART, ConsentScope.NOTES, ConsentScope.SHARE_SUPPORT]


def person(alias: str, *roles: Role, on: date) -> Participant:
    return Participant(alias=alias, roles=list(roles),
                       consent=Consent(agreed_to=ALL_CONSENT, given_on=on))


def signed(item: AgreementItem, people: list[Participant], on: date) -> AgreementItem:
    item.signoffs = [SignOff(participant=p.id, signed_on=on) for p in people]
    return item


def minimal_harm(*kinds: HarmType, affected: list[Participant],
                 conditions: list[Condition]) -> Harm:
    """A harm as a minimal record keeps it: its kinds, who was affected and the conditions.
    What happened is said in the circle, not written; nobody is named as its cause."""
    return Harm(harm_types=list(kinds), conditions=conditions,
                affected=[Affected(participant=p.id, directness=Directness.DIRECT)
                          for p in affected])


