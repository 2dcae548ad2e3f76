"""The process model: pure data, no widgets, no storage.

``circle`` is one circle; ``records/`` the rows each step records, one module per step;
``steps`` the process declared once (fields, groups, notes) and ``fieldspec`` what a form or
document reads off a field; ``incident`` and ``assessment`` an organisation's records. The
rest reads a circle: ``progress`` and ``readiness`` (what is done and what waits), ``privacy``
(each person's copy), ``strike``, ``compare``, ``display``, ``schema``, ``synthetic``.
Imports only the languages, so researchers can use it in plain Python.
"""

from .circle import Circle
from .errors import explain
from .fieldspec import FieldSpec, field_spec
from .privacy import LEFT_OUT, redact
from .records import (
    AccountabilityWork,
    Affected,
    AgreementItem,
    CheckIn,
    Closing,
    Consent,
    Debrief,
    Goal,
    Harm,
    Invitation,
    ItemProgress,
    MeetingPlan,
    Need,
    Participant,
    PodEntry,
    Process,
    Readiness,
    SafetySituation,
    SignOff,
)
from .schema import SCHEMA_VERSION, circle_schema
from .steps import ALL_STEPS, GOALS, PARTS, SAFETY_STEP, STEPS, Group, Step, step
from .vocab import (
    CircleStatus,
    Condition,
    ConsentScope,
    Directness,
    HarmType,
    ItemKind,
    ItemStatus,
    Language,
    NeedCategory,
    NeedStatus,
    Place,
    PodKind,
    PodRelation,
    Priority,
    Progress,
    RecordMode,
    Retention,
    Role,
    Service,
)

__all__ = [
    "ALL_STEPS",
    "GOALS",
    "LEFT_OUT",
    "PARTS",
    "SAFETY_STEP",
    "SCHEMA_VERSION",
    "STEPS",
    "AccountabilityWork",
    "Affected",
    "AgreementItem",
    "CheckIn",
    "Circle",
    "CircleStatus",
    "Closing",
    "Condition",
    "Consent",
    "ConsentScope",
    "Debrief",
    "Directness",
    "FieldSpec",
    "Goal",
    "Group",
    "Harm",
    "HarmType",
    "Invitation",
    "ItemKind",
    "ItemProgress",
    "ItemStatus",
    "Language",
    "MeetingPlan",
    "Need",
    "NeedCategory",
    "NeedStatus",
    "Participant",
    "Place",
    "PodEntry",
    "PodKind",
    "PodRelation",
    "Priority",
    "Process",
    "Progress",
    "Readiness",
    "RecordMode",
    "Retention",
    "Role",
    "SafetySituation",
    "Service",
    "SignOff",
    "Step",
    "circle_schema",
    "explain",
    "field_spec",
    "redact",
    "step",
]
