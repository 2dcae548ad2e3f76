"""The rows each step of the process records, one module per step (as ``views/steps/``).

Each module may import only ``base``, the field helpers and the vocabularies; ``circle``
puts them together.
"""

from .accountability import AccountabilityWork
from .agreement import AgreementItem, SignOff
from .base import Record, Row, now_utc
from .closing import Closing, Debrief
from .follow_up import CheckIn, Goal, ItemProgress
from .harm_map import Affected, Harm
from .invitation import Invitation
from .meetings import MeetingPlan
from .needs import Need
from .pods import PodEntry
from .safety_plan import SafetySituation
from .setup import Consent, Participant, Process, Readiness

__all__ = [
    "AccountabilityWork", "Affected", "AgreementItem", "CheckIn", "Closing", "Consent",
    "Debrief", "Goal", "Harm", "Invitation", "ItemProgress", "MeetingPlan", "Need", "Participant",
    "PodEntry", "Process", "Readiness", "Record", "Row", "SafetySituation", "SignOff", "now_utc",
]
