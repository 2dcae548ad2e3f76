"""Practice circles from harm-reduction communities: a sex workers' collective, partners who
use drugs, a trans participant in a peer group, a union's coordinator, two people at one
methadone clinic. Each keeps a minimal record: needs, agreements and decisions only."""

from __future__ import annotations

from datetime import date

from ...model import (
    AccountabilityWork,
    AgreementItem,
    CheckIn,
    Circle,
    CircleStatus,
    Closing,
    Condition,
    HarmType,
    ItemKind,
    ItemProgress,
    ItemStatus,
    Need,
    NeedCategory,
    Priority,
    Process,
    Progress,
    Readiness,
    Role,
    SafetySituation,
    Service,
)
from ...model.records import Goal, Invitation, MeetingPlan
from ...model.vocab import (
    AccessNeed,
    Apology,
    DecisionRule,
    Ending,
    Engagement,
    Format,
    Logistics,
    OverdoseCheck,
    RecordsDecision,
    SharedService,
)
from .people import minimal_harm, person, signed


def booking_phone() -> Circle:
    on = date(2026, 2, 9)
    vee = person("Vee", Role.HARMED, on=on)
    lou = person("Lou", Role.HARMED, on=on)
    marlo = person("Marlo", Role.CAUSED, on=on)
    collective = person("Nightjar Collective", Role.ORGANISATION, on=on)
    sol = person("Sol", Role.FACILITATOR, on=on)
    harm = minimal_harm(HarmType.ECONOMIC, HarmType.COERCION, affected=[vee, lou],
                         conditions=[Condition.CRIMINALISATION, Condition.SEX_WORK_STIGMA,
                                     Condition.ORG_POWER])
    needs = [
        Need(holder=vee.id, category=NeedCategory.RESTITUTION,
             own_words="The money that was kept from my bookings, in instalments if needed.",
             priority=Priority.HIGH, who_could_meet="Marlo"),
        Need(holder=lou.id, category=NeedCategory.AUTONOMY,
             own_words="To take my own bookings and say no to any client.",
             priority=Priority.HIGH, who_could_meet="Nightjar Collective"),
        Need(holder=vee.id, category=NeedCategory.COMMUNITY_CHANGE,
             own_words="Nobody controls the booking phone alone again.", private=False,
             who_could_meet="Nightjar Collective"),
    ]
    items = [
        signed(AgreementItem(action="Marlo repays what was kept, in monthly instalments the "
                              "collective holds and passes on.", kind=ItemKind.RESTITUTION,
                              responsible=marlo.id, due=date(2026, 8, 1), needs=[needs[0].id],
                              status=ItemStatus.IN_PROGRESS), [vee, marlo], on),
        signed(AgreementItem(action="Marlo steps back from managing bookings; he keeps his "
                              "place in the collective and its health sessions.",
                              kind=ItemKind.STEP_BACK, responsible=marlo.id,
                              due=date(2026, 2, 16), needs=[needs[1].id],
                              status=ItemStatus.DONE), [vee, lou, marlo, collective], on),
        signed(AgreementItem(action="The booking phone rotates weekly between two workers, "
                              "and every worker sees their own bookings.", kind=ItemKind.POLICY,
                              responsible=collective.id, due=date(2026, 3, 1),
                              needs=[needs[1].id, needs[2].id], status=ItemStatus.DONE),
                [vee, lou, collective], on),
    ]
    return Circle(
        title="The booking phone", practice=True, status=CircleStatus.FOLLOWING_UP,
        group_agreements=["Nobody's work is reported to anyone outside the circle."],
        readiness=Readiness(immediate_danger=False, harmed_party_chooses=True,
                            mandated_reporter=False, caused_willing=True),
        participants=[vee, lou, marlo, collective, sol], harms=[harm], needs=needs,
        agreement=items,
        process=Process(format=Format.JOINT, attendance_approved=True,
                        decision_rule=DecisionRule.CONSENSUS_VETO,
                        shared_services=[SharedService.SEX_WORK],
                        logistics=[Logistics.SAFE_PLACE, Logistics.COSTS]),
        checkins=[CheckIn(held_on=date(2026, 3, 9), feels_safe=True,
                          progress=[ItemProgress(item=items[0].id, progress=Progress.SOME),
                                    ItemProgress(item=items[2].id, progress=Progress.DONE)],
                          milestone="The first week of the shared phone.",
                          next_on=date(2026, 4, 6))],
        goals=[Goal(person=lou.id, goal="Working only the shifts I choose.",
                    review_on=date(2026, 4, 6))],
    )


def after_the_break_up() -> Circle:
    on = date(2026, 4, 20)
    kai = person("Kai", Role.HARMED, on=on)
    robin = person("Robin", Role.CAUSED, on=on)
    jo = person("Jo", Role.SUPPORT, on=on)
    wren = person("Wren", Role.FACILITATOR, on=on)
    harm = minimal_harm(HarmType.PHYSICAL, HarmType.EMOTIONAL, affected=[kai],
                         conditions=[Condition.PROHIBITION, Condition.POVERTY])
    needs = [
        Need(holder=kai.id, category=NeedCategory.SAFETY,
             own_words="Not to see Robin at the needle exchange or near my place.",
             priority=Priority.HIGH),
        Need(holder=kai.id, category=NeedCategory.HARM_REDUCTION,
             own_words="To keep getting my supplies without being afraid.",
             priority=Priority.HIGH, who_could_meet="The needle exchange"),
        Need(holder=kai.id, category=NeedCategory.PSYCHOSOCIAL,
             own_words="Someone to talk to who is not in our group of friends."),
    ]
    items = [
        signed(AgreementItem(action="Robin uses the needle exchange on Tuesdays and Fridays "
                              "only; Kai has the other days.", kind=ItemKind.SHARED_SERVICE,
                              responsible=robin.id, support=jo.id, due=date(2026, 4, 27),
                              needs=[needs[0].id, needs[1].id], status=ItemStatus.IN_PROGRESS),
                [kai, robin], on),
        signed(AgreementItem(action="Robin does not come to Kai's street and, if they meet, "
                              "leaves without speaking.", kind=ItemKind.BEHAVIOUR,
                              responsible=robin.id, due=date(2026, 4, 27),
                              needs=[needs[0].id], status=ItemStatus.AGREED), [kai, robin], on),
        signed(AgreementItem(action="Jo goes with Kai to a peer counsellor of her choosing.",
                              kind=ItemKind.OTHER, responsible=jo.id, due=date(2026, 5, 15),
                              needs=[needs[2].id], status=ItemStatus.DONE), [kai, jo], on),
    ]
    return Circle(
        title="After the break-up", practice=True, status=CircleStatus.FOLLOWING_UP,
        group_agreements=["Kai can stop the process at any time."],
        readiness=Readiness(immediate_danger=False, harmed_party_chooses=True,
                            mandated_reporter=False, coercive_control=True,
                            caused_willing=True,
                            support_plan="Jo supports Kai; Robin's pod meets him separately."),
        participants=[kai, robin, jo, wren], harms=[harm], needs=needs, agreement=items,
        process=Process(format=Format.SHUTTLE, attendance_approved=True,
                        decision_rule=DecisionRule.CONSENSUS_VETO,
                        shared_services=[SharedService.NEEDLES],
                        logistics=[Logistics.NO_SOBRIETY, Logistics.NALOXONE]),
        safety_plan=[SafetySituation(
            holder=kai.id, situation="If Robin turns up at my door",
            what_to_do="Do not open; call Jo; go to the back room of the drop-in.",
            services=[Service.HARM_REDUCTION, Service.CRISIS])],
        checkins=[CheckIn(held_on=date(2026, 5, 18), feels_safe=True,
                          progress=[ItemProgress(item=items[0].id, progress=Progress.MOSTLY),
                                    ItemProgress(item=items[2].id, progress=Progress.DONE)],
                          next_on=date(2026, 6, 15))],
        goals=[Goal(person=kai.id, goal="Supplies every week, on my days.",
                    review_on=date(2026, 6, 15)),
               Goal(person=robin.id, goal="A support group of his own each week.",
                    review_on=date(2026, 6, 15))],
    )


def peer_group() -> Circle:
    on = date(2026, 6, 1)
    ari = person("Ari", Role.HARMED, on=on)
    dale = person("Dale", Role.CAUSED, on=on)
    group = person("Riverside Peer Group", Role.ORGANISATION, on=on)
    ness = person("Ness", Role.SUPPORT, on=on)
    pat = person("Pat", Role.FACILITATOR, on=on)
    harm = minimal_harm(HarmType.STIGMA, HarmType.PRIVACY, HarmType.EXCLUSION,
                         affected=[ari], conditions=[Condition.TRANSPHOBIA, Condition.STIGMA])
    needs = [
        Need(holder=ari.id, category=NeedCategory.ACKNOWLEDGMENT,
             own_words="For the group to hear that using my name matters.",
             who_could_meet="Dale"),
        Need(holder=ari.id, category=NeedCategory.SAFETY,
             own_words="That nobody talks about my life outside the group.",
             priority=Priority.HIGH),
        Need(holder=ari.id, category=NeedCategory.COMMUNITY_CHANGE,
             own_words="The group learns to respect names and pronouns, led by trans people.",
             private=False, who_could_meet="Riverside Peer Group"),
    ]
    items = [
        signed(AgreementItem(action="Dale acknowledges the harm to Ari in the circle, in "
                              "words Ari agreed in advance; nothing is written down.",
                              kind=ItemKind.ACKNOWLEDGMENT, responsible=dale.id,
                              support=ness.id, due=date(2026, 6, 15), needs=[needs[0].id],
                              status=ItemStatus.DONE), [ari, dale], on),
        signed(AgreementItem(action="The group pays a trans-led organisation for a session "
                              "on names, pronouns and privacy.", kind=ItemKind.TRAINING,
                              responsible=group.id, due=date(2026, 7, 31),
                              needs=[needs[2].id], status=ItemStatus.AGREED), [ari, group], on),
        signed(AgreementItem(action="The group's agreements say that nobody's history is "
                              "shared outside it.", kind=ItemKind.POLICY, responsible=group.id,
                              due=date(2026, 6, 30), needs=[needs[1].id],
                              status=ItemStatus.DONE), [ari, dale, group], on),
    ]
    return Circle(
        title="The peer group", practice=True, status=CircleStatus.FOLLOWING_UP,
        group_agreements=["Everyone is called by the name and pronouns they ask for."],
        readiness=Readiness(immediate_danger=False, harmed_party_chooses=True,
                            mandated_reporter=False, caused_willing=True),
        participants=[ari, dale, group, ness, pat], harms=[harm], needs=needs,
        agreement=items,
        process=Process(format=Format.JOINT, attendance_approved=True,
                        decision_rule=DecisionRule.CONSENSUS_VETO,
                        shared_services=[SharedService.PEER]),
        accountability=[AccountabilityWork(
            person=dale.id, own_needs="To keep coming to the group while he learns.",
            accountability_pod="Ness, and a friend from his own recovery group.",
            doing_differently="Asks how people want to be called, and corrects himself.",
            apology=Apology.SPOKEN, apology_offered=True, apology_received=True,
            overdose_check=True)],
        checkins=[CheckIn(held_on=date(2026, 7, 6), feels_safe=True,
                          progress=[ItemProgress(item=items[0].id, progress=Progress.DONE),
                                    ItemProgress(item=items[2].id, progress=Progress.DONE)],
                          milestone="Ari chaired the group's meeting for the first time.",
                          next_on=date(2026, 8, 3))],
    )


def the_coordinator() -> Circle:
    on = date(2026, 9, 7)
    pia = person("Pia", Role.HARMED, on=on)
    hal = person("Hal", Role.CAUSED, on=on)
    union = person("Eastgate Users' Union", Role.ORGANISATION, on=on)
    ros = person("Ros", Role.SUPPORT, Role.COMMUNITY, on=on)
    mo = person("Mo", Role.FACILITATOR, on=on)
    harm = minimal_harm(HarmType.EXCLUSION, HarmType.ECONOMIC, affected=[pia],
                         conditions=[Condition.ORG_POWER, Condition.LEADER_CULTURE])
    needs = [
        Need(holder=pia.id, category=NeedCategory.RESTITUTION,
             own_words="My paid peer shifts back.", priority=Priority.HIGH,
             who_could_meet="Eastgate Users' Union"),
        Need(holder=pia.id, category=NeedCategory.COMMUNITY_CHANGE,
             own_words="No one person decides who gets paid work.", private=False,
             who_could_meet="Eastgate Users' Union"),
    ]
    items = [
        signed(AgreementItem(action="The union gives Pia back her shifts from next month.",
                              kind=ItemKind.RESTITUTION, responsible=union.id,
                              due=date(2026, 10, 1), needs=[needs[0].id],
                              status=ItemStatus.DONE), [pia, union], on),
        signed(AgreementItem(action="Paid peer work is shared out by a rota that three "
                              "members keep, changing every six months.",
                              kind=ItemKind.POLICY, responsible=union.id,
                              due=date(2026, 11, 1), needs=[needs[1].id],
                              status=ItemStatus.DONE), [pia, union, ros], on),
    ]
    return Circle(
        title="The coordinator", practice=True, status=CircleStatus.CLOSED,
        group_agreements=["Members decide; no title outranks anyone here."],
        readiness=Readiness(immediate_danger=False, harmed_party_chooses=True,
                            mandated_reporter=False, caused_willing=False),
        invitation=Invitation(engagement=Engagement.REFUSED,
                              who_approaches="Two long-standing members he trusts",
                              how="In person, at a time he chose", attempts=3,
                              last_attempt=date(2026, 9, 28),
                              stop_when="After three tries, or if Pia asks to stop."),
        participants=[pia, hal, union, ros, mo], harms=[harm], needs=needs, agreement=items,
        process=Process(format=Format.JOINT, attendance_approved=True,
                        decision_rule=DecisionRule.CONSENSUS_VETO,
                        shared_services=[SharedService.PEER, SharedService.DROP_IN]),
        checkins=[CheckIn(held_on=date(2026, 11, 2), feels_safe=True,
                          progress=[ItemProgress(item=items[0].id, progress=Progress.DONE),
                                    ItemProgress(item=items[1].id, progress=Progress.DONE)],
                          milestone="The first rota meeting.")],
        closing=Closing(ending=Ending.WITHOUT_CAUSED, closing_check=True,
                        closing_circle_on=date(2026, 11, 16),
                        records=RecordsDecision.COPIES_THEN_DELETE),
    )


def one_clinic() -> Circle:
    on = date(2026, 10, 5)
    nell = person("Nell", Role.HARMED, on=on)
    ty = person("Ty", Role.CAUSED, on=on)
    clinic = person("Northside Clinic", Role.ORGANISATION, on=on)
    bea = person("Bea", Role.SUPPORT, on=on)
    cam = person("Cam", Role.FACILITATOR, on=on)
    nell.access = [AccessNeed.TIMING, AccessNeed.TRANSPORT]
    harm = minimal_harm(HarmType.EMOTIONAL, HarmType.COERCION, affected=[nell],
                         conditions=[Condition.PROHIBITION, Condition.STIGMA])
    needs = [
        Need(holder=nell.id, category=NeedCategory.SAFETY,
             own_words="To dose without him in the queue behind me.", priority=Priority.HIGH,
             who_could_meet="Northside Clinic"),
        Need(holder=nell.id, category=NeedCategory.HARM_REDUCTION,
             own_words="To keep my methadone at this clinic; I am not moving.",
             priority=Priority.HIGH),
    ]
    items = [
        signed(AgreementItem(action="Ty doses in the afternoon and Nell in the morning; a "
                              "named nurse is each one's contact if that changes.",
                              kind=ItemKind.SHARED_SERVICE, responsible=clinic.id,
                              support=bea.id, due=date(2026, 10, 12),
                              needs=[needs[0].id, needs[1].id], status=ItemStatus.DONE),
                [nell, ty, clinic], on),
        signed(AgreementItem(action="If they meet in the clinic, Ty steps outside until Nell "
                              "has gone.", kind=ItemKind.BEHAVIOUR, responsible=ty.id,
                              due=date(2026, 10, 12), needs=[needs[0].id],
                              status=ItemStatus.IN_PROGRESS), [nell, ty], on),
    ]
    return Circle(
        title="One clinic", practice=True, status=CircleStatus.FOLLOWING_UP,
        group_agreements=["Nobody loses their treatment because of this circle."],
        readiness=Readiness(immediate_danger=False, harmed_party_chooses=True,
                            mandated_reporter=False, caused_willing=True),
        participants=[nell, ty, clinic, bea, cam], harms=[harm], needs=needs, agreement=items,
        process=Process(format=Format.JOINT, attendance_approved=True,
                        decision_rule=DecisionRule.CONSENSUS_VETO,
                        shared_services=[SharedService.OST],
                        logistics=[Logistics.TIMING, Logistics.NALOXONE, Logistics.FOOD]),
        meetings=[MeetingPlan(
            held_on=date(2026, 10, 8), purpose="Agreeing the dosing times", keeper=cam.id,
            talking_piece="A smooth stone", values="Respect; speak for yourself",
            opening="One thing that got you here today.",
            closing_round="One word for how you leave.", breaks="Every half hour, or on asking",
            overdose=list(OverdoseCheck), naloxone_by=bea.id,
            access=[AccessNeed.TIMING, AccessNeed.TRANSPORT, AccessNeed.FOOD])],
        checkins=[CheckIn(held_on=date(2026, 11, 2), feels_safe=True,
                          progress=[ItemProgress(item=items[0].id, progress=Progress.DONE),
                                    ItemProgress(item=items[1].id, progress=Progress.MOSTLY)],
                          milestone="A month of mornings without meeting.",
                          next_on=date(2026, 11, 30))],
        goals=[Goal(person=nell.id, goal="Dosing every day without fear.",
                    review_on=date(2026, 11, 30), reached=True,
                    marked="Breakfast together after dosing.")],
    )


