"""An entry of an organisation's anonymous incident log: a month, a coarse area, categories.

There is no field for a name, and unknown keys are refused; the free-text details are private
and never counted. The report made of these entries is ``circlekit.org.incidents``.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ..i18n import N_
from .fields import LongText, RequiredShortText, row_id, ui
from .vocab import Choice

# A guard, not a guarantee: contact details, long numbers and street addresses are refused.
_CONTACT = re.compile(
    r"@|\d{4,}|https?:|www\.|\d+\s*\w*\s+(street|st\b|road|rd\b|avenue|ave\b|lane|calle|"
    r"rue|via|ulitsa|улица|вулиця)", re.IGNORECASE)


class Who(Choice):
    POLICE = "police", "Police or other law enforcement"
    PARTNER = "partner", "Partner or ex-partner"
    CLIENT = "client", "Client"
    SERVICE = "service", "Staff of a service"
    OTHER = "other", "Someone else"


class What(Choice):
    PHYSICAL = "physical", "Physical violence"
    SEXUAL = "sexual", "Sexual violence"
    VERBAL = "verbal", "Threats or verbal abuse"
    DETENTION = "detention", "Arrest or detention"
    CONFISCATION = "confiscation", "Supplies taken (syringes, naloxone, condoms)"
    EXTORTION = "extortion", "Extortion or theft"
    REFUSAL = "refusal", "Refused a service"
    OTHER = "other", "Something else"


class Consequence(Choice):
    INJURY = "injury", "Injury"
    CHARGES = "charges", "Charges or prison"
    HOUSING = "housing", "Lost housing"
    CUSTODY = "custody", "Loss of custody of children"
    INCOME = "income", "Lost income"
    NONE_KNOWN = "none-known", "None known"


class Support(Choice):
    PEER = "peer", "Peer support"
    LEGAL = "legal", "Legal help"
    MEDICAL = "medical", "Medical care"
    SHELTER = "shelter", "Shelter"
    NONE = "none", "None yet"


def _coarse(value: str) -> str:
    if _CONTACT.search(value):
        raise ValueError(N_("must be a coarse area (a district or town), with no address, "
                            "number or contact detail"))
    return value


def _month(value: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        raise ValueError(N_("must be a month written as YYYY-MM"))
    return value


class Incident(BaseModel):
    """One encounter. Unknown keys (a name, a phone number …) are refused outright."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(default_factory=row_id)
    month: Annotated[str, AfterValidator(_month)] = ui(
        "Month", "The month only (YYYY-MM): an exact date can identify someone.")
    area: Annotated[RequiredShortText, Field(max_length=60), AfterValidator(_coarse)] = ui(
        "Area", "A district or town, never an address.")
    who: Who = ui("Who did it", "A category, never a name.")
    what: list[What] = ui("What happened", "Choose all that apply.", min_length=1)
    consequences: list[Consequence] = ui("Consequences", "", default_factory=list)
    support: list[Support] = ui("Support given", "", default_factory=list)
    details: LongText = ui(
        "Details (private)",
        "Kept on this computer only and never counted or published, but it can be seized or "
        "subpoenaed: no names, no account of what happened, nothing anyone admitted.",
        private=True, default="")
