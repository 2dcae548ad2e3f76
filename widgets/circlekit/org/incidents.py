"""An anonymous log of negative encounters, and the aggregates an organisation can publish.

As the sources describe it: Urban Survivors Union asks members to document negative
encounters with police; sex workers' bad-date books warn others. An entry records a month,
a coarse area and categories. There is no field for a name, and free text is private: it
never reaches an aggregate. Published tables suppress every count below ``MIN_COUNT``, and
suppress further cells wherever a total would let a suppressed count be worked out.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

import numpy as np
import pandas as pd
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ..i18n import N_, _
from ..model.fields import LongText, RequiredShortText, row_id, ui
from ..model.vocab import Choice

MIN_COUNT = 5
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
    details: LongText = ui("Details (private)", "Kept on this computer only; never counted "
                           "or published.", private=True, default="")


MULTI = ("what", "consequences", "support")


def incident_frame(incidents: list[Incident]) -> pd.DataFrame:
    """One row per incident, categories only (the private details are not a column).

    Multi-choice fields are comma-joined codes, the form ``report_tables`` counts fastest.
    """
    return pd.DataFrame(
        [(i.month, i.area, i.who.value, ",".join(w.value for w in i.what),
          ",".join(c.value for c in i.consequences), ",".join(s.value for s in i.support))
         for i in incidents],
        columns=["month", "area", "who", *MULTI],
    )


def in_scope(frame: pd.DataFrame, start: str | None = None, end: str | None = None,
             area: str | None = None) -> pd.DataFrame:
    """Rows in the period (months, inclusive) and area; None means no limit."""
    keep = pd.Series(True, index=frame.index)
    if start:
        keep &= frame["month"] >= start
    if end:
        keep &= frame["month"] <= end
    if area:
        keep &= frame["area"] == area
    return frame[keep]


def suppress(table: pd.DataFrame) -> pd.DataFrame:
    """Counts with a 'Total' row and column; small counts and what would reveal them, hidden.

    Primary: every count from 1 to MIN_COUNT-1, totals included. Secondary: wherever a row
    or column (totals included) has exactly one hidden cell, the smallest other non-zero
    count in it is hidden too, so no hidden count is the difference of shown ones. Repeats
    until nothing changes.
    """
    counts = table.astype("int64")
    counts["Total"] = counts.sum(axis=1)
    counts.loc["Total"] = counts.sum(axis=0)
    values = counts.to_numpy()
    hidden = (values > 0) & (values < MIN_COUNT)
    changed = True
    while changed:
        changed = False
        for grid, cells in ((hidden, values), (hidden.T, values.T)):  # rows, then columns
            for line in np.flatnonzero(grid.sum(axis=1) == 1):
                open_cells = np.flatnonzero(~grid[line] & (cells[line] > 0))
                if open_cells.size:
                    grid[line, open_cells[np.argmin(cells[line, open_cells])]] = True
                    changed = True
    return counts.astype("Int64").mask(hidden)


def _values(frame: pd.DataFrame, column: str) -> pd.Series:
    """One entry per chosen value: multi-choice codes split apart, empty ones dropped."""
    values = frame[column].str.split(",").explode() if column in MULTI else frame[column]
    return values[values.notna() & (values != "")]


def crosstab(frame: pd.DataFrame, rows: str, columns: str, labels: dict[str, dict[str, str]]
             ) -> pd.DataFrame:
    """Counts of a multi-choice field (``rows``) by a single-choice one, suppressed."""
    pairs = pd.DataFrame({rows: frame[rows].str.split(","), columns: frame[columns]})
    pairs = pairs.explode(rows)
    table = pairs[pairs[rows] != ""].groupby([rows, columns]).size().unstack(fill_value=0)
    table = table.rename(index=labels[rows], columns=labels[columns]).sort_index()
    table = table[sorted(table.columns)]
    table.index.name, table.columns.name = rows, columns
    return suppress(table)


def one_way(frame: pd.DataFrame, column: str, labels: dict[str, str]) -> pd.DataFrame:
    """Counts of one field, suppressed, with its total."""
    counts = _values(frame, column).value_counts().rename(index=labels).sort_index()
    table = counts.to_frame("Incidents")  # i18n: a frame's column, as researchers read it
    table.index.name = column
    return suppress(table).drop(columns="Total")  # i18n: column name


def labels() -> dict[str, dict[str, str]]:
    """Value → label per field, in the language the page speaks."""
    return {
        "who": {m.value: m.label for m in Who},
        "what": {m.value: m.label for m in What},
        "consequences": {m.value: m.label for m in Consequence},
        "support": {m.value: m.label for m in Support},
    }


def report_tables(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The published tables: counts only, suppressed at every level."""
    frame = frame.assign(period=frame["month"])
    named = labels()
    return {
        _("By who did it"): one_way(frame, "who", named["who"]),
        _("By what happened"): one_way(frame, "what", named["what"]),
        _("By consequence"): one_way(frame, "consequences", named["consequences"]),
        _("What happened, by who did it"): crosstab(frame, "what", "who", named),
        _("By month"): one_way(frame, "period", {m: m for m in frame["period"].unique()}),
    }


def this_month() -> str:
    return date.today().strftime("%Y-%m")
