"""The first practice circles: a drop-in, a shared flat, an outreach night. Written before the
minimal record, they hold some narrative (what happened, when, where), as a fuller record
would."""

from __future__ import annotations

from datetime import date

from ...model import (
    AccountabilityWork,
    Affected,
    AgreementItem,
    CheckIn,
    Circle,
    CircleStatus,
    Closing,
    Condition,
    Directness,
    Harm,
    HarmType,
    ItemKind,
    ItemProgress,
    ItemStatus,
    Need,
    NeedCategory,
    NeedStatus,
    PodEntry,
    PodKind,
    PodRelation,
    Priority,
    Process,
    Progress,
    Readiness,
    Role,
)
from ...model.vocab import (
    Apology,
    DecisionRule,
    Ending,
    Format,
    Logistics,
    RecordsDecision,
)
from .people import person, signed


def drop_in_volunteer() -> Circle:
    on = date(2026, 3, 2)
    mira = person("Mira", Role.HARMED, on=on)
    jay = person("Jay", Role.CAUSED, on=on)
    rosa = person("Rosa", Role.SUPPORT, on=on)
    ben = person("Ben", Role.SUPPORT, on=on)
    org = person("Harbour Lane Drop-in", Role.ORGANISATION, on=on)
    kit = person("Kit", Role.FACILITATOR, on=on)
    harm = Harm(
        # Only what Mira wants written down, as a harm and its impact, not as evidence.
        description="Mira says Jay's comments and his pressure to meet alone made the "
        "drop-in unsafe for her, and that a rumour about her spread afterwards.",
        when="Last autumn", where="At the drop-in",
        harm_types=[HarmType.SEXUAL, HarmType.COERCION, HarmType.STIGMA],
        caused_by=[jay.id],
        affected=[
            Affected(participant=mira.id, directness=Directness.DIRECT,
                     impacts="Stopped coming to the drop-in; lost her regular supplies."),
            Affected(participant=org.id, directness=Directness.INDIRECT,
                     impacts="Other women asked whether the drop-in is safe."),
        ],
        conditions=[Condition.ORG_POWER, Condition.STIGMA],
    )
    needs = [
        Need(holder=mira.id, category=NeedCategory.SAFETY,
             own_words="I need to know he won't be there when I come in.",
             priority=Priority.HIGH, who_could_meet="Harbour Lane Drop-in"),
        Need(holder=mira.id, category=NeedCategory.ACKNOWLEDGMENT,
             own_words="I want him to say what he did, without excuses.", who_could_meet="Jay"),
        Need(holder=mira.id, category=NeedCategory.COMMUNITY_CHANGE,
             own_words="The drop-in needs a way to report this that isn't just telling the boss.",
             who_could_meet="Harbour Lane Drop-in", private=False),
    ]
    items = [
        signed(AgreementItem(action="Jay steps back from volunteering for six months.",
                              kind=ItemKind.STEP_BACK, responsible=jay.id, support=ben.id,
                              due=date(2026, 3, 9), needs=[needs[0].id],
                              status=ItemStatus.DONE), [mira, jay, org], on),
        signed(AgreementItem(action="Jay acknowledges the harm to Mira, in a meeting and in "
                              "words she agreed in advance (nothing is written down), and "
                              "tells the people he spoke to that the rumour was untrue.",
                              kind=ItemKind.ACKNOWLEDGMENT, responsible=jay.id, support=ben.id,
                              due=date(2026, 4, 1), needs=[needs[1].id],
                              status=ItemStatus.IN_PROGRESS), [mira, jay], on),
        signed(AgreementItem(action="The drop-in adopts a harassment policy with a reporting "
                              "route that does not go through one person.",
                              kind=ItemKind.POLICY, responsible=org.id, support=rosa.id,
                              due=date(2026, 6, 1), needs=[needs[2].id],
                              status=ItemStatus.AGREED), [mira, org], on),
    ]
    work = AccountabilityWork(
        person=jay.id,
        own_needs="A place to talk about how he treats women; keeping his own housing.",
        accountability_pod="Ben, and a peer worker from another service.",
        doing_differently="Asks before helping anyone with supplies, and takes a no as final.",
        apology=Apology.SPOKEN, apology_offered=True, apology_received=True, denial=False,
        own_safety="Agreed with Ben what he does if people confront him at the drop-in.",
        overdose_check=True,
    )
    return Circle(
        title="The drop-in volunteer", practice=True, status=CircleStatus.FOLLOWING_UP,
        group_agreements=["What is said here stays here.", "Anyone can pause the circle."],
        readiness=Readiness(immediate_danger=False, harmed_party_chooses=True,
                            mandated_reporter=False,
                            support_plan="Rosa supports Mira; Ben supports Jay."),
        participants=[mira, jay, rosa, ben, org, kit], harms=[harm], needs=needs,
        agreement=items, accountability=[work],
        process=Process(format=Format.JOINT, attendance_approved=True,
                        decision_rule=DecisionRule.CONSENSUS_VETO,
                        logistics=[Logistics.NO_SOBRIETY, Logistics.NALOXONE, Logistics.FOOD]),
        pods=[PodEntry(party=mira.id, name="Rosa", relation=PodRelation.POD),
              PodEntry(party=mira.id, name="Her cousin", relation=PodRelation.MOVABLE),
              PodEntry(party=jay.id, name="Ben", relation=PodRelation.POD)],
        checkins=[CheckIn(held_on=date(2026, 3, 30), feels_safe=True,
                          progress=[ItemProgress(item=items[0].id, progress=Progress.DONE),
                                    ItemProgress(item=items[1].id, progress=Progress.SOME)],
                          next_on=date(2026, 4, 27))],
    )


def shared_flat() -> Circle:
    on = date(2026, 5, 11)
    lena = person("Lena", Role.HARMED, on=on)
    tomas = person("Tomas", Role.CAUSED, on=on)
    ada = person("Ada", Role.SUPPORT, on=on)
    sam = person("Sam", Role.FACILITATOR, on=on)
    harm = Harm(
        description="Tomas kept Lena's share of the rent for three months and, when she "
        "asked for it, told the landlord she uses drugs. The landlord threatened eviction.",
        when="Spring", harm_types=[HarmType.ECONOMIC, HarmType.STIGMA, HarmType.EMOTIONAL],
        caused_by=[tomas.id],
        affected=[Affected(participant=lena.id, directness=Directness.DIRECT,
                           impacts="Rent arrears, fear of losing her home.")],
        conditions=[Condition.PROHIBITION, Condition.STIGMA, Condition.POVERTY],
    )
    needs = [
        Need(holder=lena.id, category=NeedCategory.RESTITUTION,
             own_words="The money back, even in small amounts.", priority=Priority.HIGH),
        Need(holder=lena.id, category=NeedCategory.HOUSING,
             own_words="To keep my room, or find another one before I have to leave.",
             priority=Priority.HIGH, status=NeedStatus.IN_HAND),
        Need(holder=lena.id, category=NeedCategory.INFORMATION,
             own_words="To know what the landlord can and cannot do.",
             who_could_meet="A tenants' advice line"),
    ]
    items = [
        signed(AgreementItem(action="Tomas repays the rent in monthly instalments.",
                              kind=ItemKind.RESTITUTION, responsible=tomas.id,
                              due=date(2026, 9, 1), needs=[needs[0].id],
                              status=ItemStatus.IN_PROGRESS), [lena, tomas], on),
        signed(AgreementItem(action="Ada goes with Lena to a tenants' advice service.",
                              kind=ItemKind.OTHER, responsible=ada.id,
                              due=date(2026, 5, 25), needs=[needs[1].id, needs[2].id],
                              status=ItemStatus.DONE), [lena, ada], on),
    ]
    return Circle(
        title="The shared flat", practice=True, status=CircleStatus.PAUSED,
        process=Process(format=Format.SHUTTLE, attendance_approved=True,
                        decision_rule=DecisionRule.CONSENSUS_VETO,
                        broken_agreement_plan="If a payment is missed, Lena decides whether to "
                        "pause, agree a new amount, or end the agreement."),
        group_agreements=["No one is named outside the circle."],
        readiness=Readiness(immediate_danger=False, harmed_party_chooses=True,
                            mandated_reporter=False),
        participants=[lena, tomas, ada, sam], harms=[harm], needs=needs, agreement=items,
        pods=[PodEntry(party=lena.id, name="Ada", relation=PodRelation.POD),
              PodEntry(party=lena.id, name="Tenants' advice line", kind=PodKind.ORGANISATION,
                       relation=PodRelation.RESOURCE),
              PodEntry(party=lena.id, name="The landlord", relation=PodRelation.BARRIER)],
        checkins=[CheckIn(held_on=date(2026, 6, 15), feels_safe=True,
                          progress=[ItemProgress(item=items[0].id, progress=Progress.SETBACK,
                                                 setback="Missed the June payment."),
                                    ItemProgress(item=items[1].id, progress=Progress.DONE)],
                          notes="Lena asked to pause for a month before deciding.",
                          next_on=date(2026, 7, 13))],
    )


def outreach_night() -> Circle:
    on = date(2026, 8, 3)
    noor = person("Noor", Role.HARMED, on=on)
    dee = person("Dee", Role.CAUSED, on=on)
    ola = person("Ola", Role.SUPPORT, Role.COMMUNITY, on=on)
    fin = person("Fin", Role.FACILITATOR, on=on)
    harm = Harm(
        # A case may be pending: the circle writes the harm between them, never the facts.
        description="Noor says that on an outreach night Dee did not stand with her when "
        "police stopped the team, and that she paid for it.",
        when="Last summer",
        harm_types=[HarmType.POLICE, HarmType.EMOTIONAL],
        caused_by=[dee.id],
        affected=[Affected(participant=noor.id, directness=Directness.DIRECT,
                           impacts="Lost sleep and trust in the team."),
                  Affected(participant=ola.id, directness=Directness.INDIRECT,
                           impacts="The outreach team stopped going out for two weeks.")],
        conditions=[Condition.POLICING, Condition.CRIMINALISATION],
    )
    needs = [
        Need(holder=noor.id, category=NeedCategory.ACKNOWLEDGMENT,
             own_words="For Dee to acknowledge to the team how that night hurt me."),
        Need(holder=noor.id, category=NeedCategory.LEGAL,
             own_words="Someone to go with me to see a lawyer.", priority=Priority.HIGH),
        Need(holder=noor.id, category=NeedCategory.COMMUNITY_CHANGE,
             own_words="A plan for what we all do when police stop us.", private=False),
    ]
    items = [
        signed(AgreementItem(action="Dee acknowledges to the outreach team, in Noor's "
                              "presence, how that night hurt her, in words Noor agreed "
                              "beforehand.", kind=ItemKind.ACKNOWLEDGMENT, responsible=dee.id,
                              support=ola.id, due=date(2026, 8, 17), needs=[needs[0].id]),
                [noor, dee], on),
        signed(AgreementItem(action="The team runs a know-your-rights session and agrees a "
                              "plan for police stops.", kind=ItemKind.TRAINING,
                              responsible=ola.id, due=date(2026, 9, 30),
                              needs=[needs[2].id]), [noor, dee, ola], on),
    ]
    return Circle(
        title="The outreach night", practice=True, status=CircleStatus.CLOSED,
        closing=Closing(ending=Ending.COMPLETED, closing_check=True,
                        closing_circle_on=date(2026, 10, 5),
                        records=RecordsDecision.COPIES_THEN_DELETE),
        group_agreements=["We speak for ourselves.", "Breaks whenever anyone asks."],
        readiness=Readiness(immediate_danger=False, harmed_party_chooses=True,
                            mandated_reporter=False),
        participants=[noor, dee, ola, fin], harms=[harm], needs=needs, agreement=items,
        checkins=[CheckIn(held_on=date(2026, 8, 20), feels_safe=True,
                          progress=[ItemProgress(item=items[0].id, progress=Progress.DONE)])],
    )


