"""The process model: pure data, no widgets, no storage."""

from .circle import (
    Affected,
    AgreementItem,
    CheckIn,
    Circle,
    Consent,
    Harm,
    ItemProgress,
    Need,
    Participant,
    PodEntry,
    Readiness,
    SafetySituation,
    SignOff,
)
from .errors import explain
from .privacy import LEFT_OUT, redact
from .schema import SCHEMA_VERSION, circle_schema
from .steps import SAFETY_STEP, STEPS, FieldSpec, Group, Step, field_spec, step
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
    PodKind,
    PodRelation,
    Priority,
    Progress,
    Role,
    Service,
)

__all__ = [
    "LEFT_OUT", "SAFETY_STEP", "SCHEMA_VERSION", "STEPS", "Affected", "AgreementItem", "CheckIn",
    "Circle", "CircleStatus", "Condition", "Consent", "ConsentScope", "Directness", "FieldSpec",
    "Group", "Harm", "HarmType", "ItemKind", "ItemProgress", "ItemStatus", "Language", "Need",
    "NeedCategory", "NeedStatus", "Participant", "PodEntry", "PodKind", "PodRelation", "Priority",
    "Progress", "Readiness", "Role", "SafetySituation", "Service", "SignOff", "Step",
    "circle_schema", "explain", "field_spec", "redact", "step",
]
