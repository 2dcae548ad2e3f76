"""The step views of the circle workspace. Each renders one step's body (title, purpose,
facilitator notes, a row editor built from its step declaration, and the picture or preview
that belongs to that step) over the page's one shared ``CircleSession``.

Views are built once and kept; the workspace shows one at a time. A view follows the
session while shown (reference lists after every edit, tables and pictures after every save,
pictures only when what they draw has changed) and catches up when it is shown again.
"""

from __future__ import annotations

from ...session import CircleSession
from .accountability import AccountabilityView
from .agreement import AgreementView
from .base import StepView, step_guide
from .closing import ClosingView, DebriefView
from .follow_up import FollowUpView
from .harm_map import HarmMapView
from .meetings import MeetingsView
from .needs import NeedsView
from .pods import PodsView
from .safety_plan import SafetyPlanView
from .setup import SetupView

VIEWS: dict[str, type[StepView]] = {
    "setup": SetupView,
    "harm_map": HarmMapView,
    "pods": PodsView,
    "needs": NeedsView,
    "accountability": AccountabilityView,
    "agreement": AgreementView,
    "follow_up": FollowUpView,
    "closing": ClosingView,
    "meetings": MeetingsView,
    "safety_plan": SafetyPlanView,
    "debrief": DebriefView,
}


def step_view(session: CircleSession, step_key: str) -> StepView:
    return VIEWS[step_key](session, step_key)


__all__ = ["VIEWS", "StepView", "step_guide", "step_view"]
