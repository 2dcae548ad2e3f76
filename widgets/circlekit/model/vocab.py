"""Controlled vocabularies: every choice a form offers, with its plain-language label.

Values are stable slugs (they are stored and exported); labels are what people read.
"""

from __future__ import annotations

from enum import StrEnum

from ..i18n import _


class Choice(StrEnum):
    """A string enum whose members carry a human label: ``Role.HARMED.label``.

    ``source_label`` is the English declaration (the catalogs' message id); ``label`` is it
    in the language the page speaks.
    """

    source_label: str

    # ``label`` has a default only so that a lookup by value, ``Role("harmed")``, type-checks.
    def __new__(cls, value: str, label: str = "") -> Choice:
        member = str.__new__(cls, value)
        member._value_ = value
        member.source_label = label
        return member

    @property
    def label(self) -> str:
        return _(self.source_label)

    @classmethod
    def options(cls) -> list[tuple[str, str]]:
        """(label, value) pairs in declaration order, as ipywidgets dropdowns take them."""
        return [(m.label, m.value) for m in cls]


class Language(Choice):
    EN = "en", "English"
    ES = "es", "Español"
    RU = "ru", "Русский"
    UK = "uk", "Українська"
    FR = "fr", "Français"


class CircleStatus(Choice):
    PREPARING = "preparing", "Preparing"
    MEETING = "meeting", "Meeting"
    FOLLOWING_UP = "following-up", "Following up"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended without an agreement"
    CLOSED = "closed", "Closed"


class Role(Choice):
    HARMED = "harmed", "Person harmed"
    CAUSED = "caused", "Person who caused harm"
    FACILITATOR = "facilitator", "Facilitator"
    SUPPORT = "support", "Support person"
    COMMUNITY = "community", "Community member"
    ORGANISATION = "organisation", "Organisation"


class ConsentScope(Choice):
    TAKE_PART = "take-part", "Taking part in the circle"
    NOTES = "notes", "Notes being kept in this app"
    SHARE_SUPPORT = "share-support", "Sharing what is said with their support people"
    RESEARCH = "research", "Anonymised counts being used for research"


class HarmType(Choice):
    PHYSICAL = "physical", "Physical violence"
    SEXUAL = "sexual", "Sexual violence"
    EMOTIONAL = "emotional", "Emotional or psychological harm"
    ECONOMIC = "economic", "Economic harm"
    COERCION = "coercion", "Coercion and control"
    POLICE = "police", "Police or institutional violence"
    STIGMA = "stigma", "Stigma or discrimination"
    EXCLUSION = "exclusion", "Exclusion from services"
    CUSTODY = "custody", "Loss of custody of children"
    FORCED_TREATMENT = "forced-treatment", "Forced treatment or forced withdrawal"
    # Labels are printed in other people's copies beside the person affected: an example
    # ("someone's HIV status") would say what was disclosed. Examples go in the field's help.
    PRIVACY = "privacy", "Privacy violation or outing"
    OTHER = "other", "Other"


class Condition(Choice):
    """Structural conditions that contributed to a harm: the position paper's list, with the
    patriarchal norms WHRIN's Colombia statement names and the culture of protecting leaders and
    silencing that it and NHRC's statement name."""

    PROHIBITION = "prohibition", "Drug prohibition"
    CRIMINALISATION = "criminalisation", "Criminalisation (of drug use, sex work, migration)"
    POLICING = "policing", "Policing and surveillance"
    POVERTY = "poverty", "Poverty"
    CLASSISM = "classism", "Classism"
    RACISM = "racism", "Racism"
    TRANSPHOBIA = "transphobia", "Transphobia or homophobia"
    FATPHOBIA = "fatphobia", "Fatphobia"
    SEXISM = "sexism", "Sexism, misogyny or patriarchal norms"
    STIGMA = "stigma", "Stigma against people who use drugs"
    SEX_WORK_STIGMA = "sex-work-stigma", "Discrimination against sex workers"
    DISABILITY = "disability", "Discrimination against disabled people"
    CITIZENSHIP = "citizenship", "No citizenship or papers"
    ORG_POWER = "org-power", "Power in the organisation or movement"
    LEADER_CULTURE = "leader-culture", "A culture that protects leaders or silences people"
    OTHER = "other", "Other"


class Directness(Choice):
    DIRECT = "direct", "Directly affected"
    INDIRECT = "indirect", "Indirectly affected (partner, family, community)"


class PodRelation(Choice):
    POD = "pod", "In their pod (can be relied on)"
    MOVABLE = "movable", "Movable (could join the pod)"
    BARRIER = "barrier", "Barrier"
    RESOURCE = "resource", "Resource (organisation or service)"


class PodKind(Choice):
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation or service"
    OTHER = "other", "Something else (a fear, a rule, a place)"


class NeedCategory(Choice):
    SAFETY = "safety", "Safety"
    INFORMATION = "information", "Information"
    ACKNOWLEDGMENT = "acknowledgment", "Acknowledgment"
    APOLOGY = "apology", "Apology"
    RESTITUTION = "restitution", "Restitution"
    AUTONOMY = "autonomy", "Autonomy"
    PSYCHOSOCIAL = "psychosocial", "Psychosocial support"
    MEDICAL = "medical", "Medical care"
    LEGAL = "legal", "Legal help"
    HOUSING = "housing", "Housing or shelter"
    HARM_REDUCTION = "harm-reduction", "Harm-reduction services"
    COMMUNITY_CHANGE = "community-change", "Community change"


class Priority(Choice):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class NeedStatus(Choice):
    OPEN = "open", "Not yet met"
    IN_HAND = "in-hand", "Being met"
    MET = "met", "Met"
    WITHDRAWN = "withdrawn", "No longer needed"


class ItemKind(Choice):
    ACKNOWLEDGMENT = "acknowledgment", "Acknowledgment"
    APOLOGY = "apology", "Apology"
    RESTITUTION = "restitution", "Restitution"
    BEHAVIOUR = "behaviour", "Behaviour change"
    TRAINING = "training", "Training"
    STEP_BACK = "step-back", "Stepping back from a role"
    POLICY = "policy", "Policy reform"
    SHARED_SERVICE = ("shared-service", "Shared-service arrangement (other days or hours, "
                      "another site, an escort, a staff contact)")
    OTHER = "other", "Other"


class ItemStatus(Choice):
    PROPOSED = "proposed", "Proposed"
    AGREED = "agreed", "Agreed"
    IN_PROGRESS = "in-progress", "In progress"
    DONE = "done", "Done"
    RENEGOTIATED = "renegotiated", "Renegotiated"
    NOT_DONE = "not-done", "Not done"


class Service(Choice):
    """Friendly services a safety plan can point to (the sources' referrals)."""

    SHELTER = "shelter", "A shelter that accepts women who use drugs"
    OST = "ost", "Opioid substitution treatment (OST)"
    HARM_REDUCTION = "harm-reduction", "Harm-reduction service (needles, naloxone, drug checking)"
    PEER = "peer", "Peer group or drug user union"
    LEGAL = "legal", "Legal help or know-your-rights line"
    MEDICAL = "medical", "Friendly doctor or clinic"
    CRISIS = "crisis", "Crisis line or violence support service"
    OTHER = "other", "Other"


class SharedService(Choice):
    """Services the people in a circle may both depend on: kinds only, never an address."""

    OST = "ost", "OST clinic or pharmacy (methadone, buprenorphine)"
    NEEDLES = "needles", "Needle and syringe programme"
    DROP_IN = "drop-in", "Drop-in or day centre"
    SHELTER = "shelter", "Shelter or housing service"
    HEALTH = "health", "Health clinic, HIV or hepatitis care"
    SEX_WORK = "sex-work", "Sex-worker support service"
    PEER = "peer", "Peer group or drug user union"
    FOOD = "food", "Food or meal programme"
    OTHER = "other", "Other shared service"


# Services no agreement may keep anyone from: losing one can cost a life.
LIFESAVING = frozenset({SharedService.OST, SharedService.NEEDLES, SharedService.DROP_IN,
                        SharedService.SHELTER, SharedService.HEALTH})


class Engagement(Choice):
    """How far the person who caused harm takes part (after Creative Interventions)."""

    NOT_APPROACHED = "not-approached", "Not approached yet"
    NOT_REACHABLE = "not-reachable", "Not reachable"
    REFUSED = "refused", "Approached; refuses for now"
    CONSIDERING = "considering", "Approached; thinking about it"
    SOME = "some", "Takes part in some steps"
    FULL = "full", "Takes full part"


class Progress(Choice):
    """How an item stands at a check-in, in the words its status uses ("In progress",
    "Done"), so a check-in and the agreement never name one state two ways."""

    NONE = "none", "Not started"
    SOME = "some", "In progress"
    MOSTLY = "mostly", "Mostly done"
    DONE = "done", "Done"
    SETBACK = "setback", "Setback"


class Decision(Choice):
    """What readiness decided: the circle, not now, or another route."""

    UNDECIDED = "undecided", "Not decided yet"
    GO_AHEAD = "go-ahead", "Go ahead with a circle"
    NOT_NOW = "not-now", "Not now"
    SAFETY_FIRST = "safety-first", "A safety plan first"
    SUPPORT_ONLY = "support-only", "Support for the person harmed only"
    ORGANISATION = "organisation", "An organisational process instead"


class Format(Choice):
    """How the circle meets, chosen by the person harmed."""

    JOINT = "joint", "Meetings together"
    SHUTTLE = "shuttle", "Shuttle: the facilitator carries messages between the parties"
    POD_CARRIES = "pod-carries", "The person harmed never attends; their pod carries their "\
        "demands"
    SUPPORT_ONLY = "support-only", "Support for the person harmed only"


class DecisionRule(Choice):
    CONSENSUS_VETO = "consensus-veto", "Consensus, and the person harmed can block anything"
    CONSENSUS = "consensus", "Consensus of everyone in the circle"
    OTHER = "other", "Another rule, written in the agreements"


class Logistics(Choice):
    """What makes a meeting possible for people who use drugs and sex workers."""

    NO_SOBRIETY = "no-sobriety", "No one has to be sober to take part"
    TIMING = "timing", "Times that fit OST dosing and work hours"
    NALOXONE = "naloxone", "Naloxone and an overdose plan at every meeting"
    FOOD = "food", "Food at meetings"
    COSTS = "costs", "Transport and phone credit covered"
    SAFE_PLACE = "safe-place", "A meeting place that does not expose anyone to police"


class AccessNeed(Choice):
    """What one person needs to be able to come: the circle's job to provide."""

    CHILDCARE = "childcare", "Childcare"
    TRANSPORT = "transport", "Transport or fares"
    STIPEND = "stipend", "A stipend for their time"
    PHONE = "phone", "Phone credit"
    INTERPRETER = "interpreter", "An interpreter"
    ACCESSIBLE = "accessible", "A step-free, accessible place"
    TIMING = "timing", "A time that fits their work or dosing"
    FOOD = "food", "Food"
    BREAKS = "breaks", "Breaks, and a quiet place to step out"


class OverdoseCheck(Choice):
    """An overdose-aware meeting: hard meetings raise the risk, in the hours after most."""

    NALOXONE = "naloxone", "Naloxone in the room, and everyone knows where"
    NOT_ALONE = "not-alone", "Nobody leaves alone: someone goes out with each person"
    CALL_AFTER = "call-after", "Someone each person can call in the hours after"
    INTOXICATED = "intoxicated", ("If someone arrives intoxicated: check in with them, and "
                                  "reschedule rather than exclude")
    DOSING = "dosing", "Timed around OST dosing"
    NO_SOBRIETY = "no-sobriety", "No one has to be sober to take part"


class Apology(Choice):
    """Whether the person harmed wants an apology, and in what form (they decide)."""

    NOT_ASKED = "not-asked", "Not asked yet"
    NONE = "none", "No apology wanted"
    SPOKEN = "spoken", "Spoken, in a meeting"
    WRITTEN = "written", "Written, and read to them"
    THROUGH = "through", "Through the facilitator or their pod"
    LATER = "later", "Maybe later"


class RecordMode(Choice):
    """How much a circle writes down; the minimal record is the default."""

    MINIMAL = "minimal", "Minimal record: needs, agreements and decisions only"
    FULLER = "fuller", "Fuller notes: also what happened, in people's own words"


class Retention(Choice):
    """A routine rule, set at the start, for when a closed circle's records are deleted."""

    NOT_SET = "not-set", "Not chosen yet"
    DAYS_30 = "30", "Delete everything 30 days after the circle closes"
    DAYS_90 = "90", "Delete everything 90 days after the circle closes"
    DAYS_180 = "180", "Delete everything 180 days after the circle closes"
    DAYS_365 = "365", "Delete everything a year after the circle closes"
    BY_HAND = "by-hand", "Keep until we delete it ourselves"

    @property
    def days(self) -> int | None:
        return int(self.value) if self.value.isdigit() else None


class Place(Choice):
    """Where a circle meets, for the legal notes it is shown (``content/legal``)."""

    NOT_SET = "not-set", "Not chosen"
    US = "us", "United States"
    CA = "ca", "Canada"
    UK = "uk", "United Kingdom"
    FR = "fr", "France"
    ES = "es", "Spain"
    CO = "co", "Colombia"
    UA = "ua", "Ukraine"
    RU = "ru", "Russia"
    OTHER = "other", "Somewhere else"


class Ending(Choice):
    ONGOING = "ongoing", "Not ended yet"
    COMPLETED = "completed", "The agreement was completed"
    ENDED = "ended", "Ended without an agreement"
    WITHDRAWN = "withdrawn", "The person harmed withdrew"
    WITHOUT_CAUSED = "without-caused", "Ended without the person who caused harm"
    BROKEN = "broken", "Ended after the agreement was broken or harm repeated"
    REFERRED = "referred", "Handed on to another process"


class RecordsDecision(Choice):
    UNDECIDED = "undecided", "Not decided yet"
    KEEP = "keep", "Keep until the last check-in, then delete"
    DELETE = "delete", "Delete the circle now"
    COPIES_THEN_DELETE = "copies-then-delete", "Give each person their copy, then delete"
