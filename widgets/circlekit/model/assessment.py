"""An organisation's self-assessment: its answers to the questions of ``circlekit.org``.

The questions, areas and scores are ``circlekit.org.assessment``; this is only the record
that is stored.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field

from .fields import LongText, RequiredShortText, circle_id, ui
from .vocab import Choice


class Answer(Choice):
    YES = "yes", "Yes, in place"
    PARTLY = "partly", "Partly"
    NO = "no", "No"
    UNSURE = "unsure", "Don't know"


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class SelfAssessment(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: str = Field(default_factory=circle_id, pattern=r"^[0-9a-f]{32}$")
    organisation: RequiredShortText = ui("Organisation",
                                         "How you want this assessment labelled.")
    created: datetime = Field(default_factory=_now)
    answers: dict[str, Answer] = ui("Answers", "", default_factory=dict)
    notes: LongText = ui("Notes", "Anything the team wants to remember.", private=True,
                         default="")

    def answer(self, key: str) -> Answer:
        return self.answers.get(key, Answer.UNSURE)
