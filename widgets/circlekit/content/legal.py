"""Legal notes by place: who must report what, privilege, and destroying records.

Data, one file per place in ``legal/`` (see its README): each statement with the public source
it rests on and the date it was last checked against it. Setup shows the note of the place a
circle chooses, in the circle's language; the book prints every note. The statements are
declared in English and translated through the catalogs, like every other text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files

import yaml

from ..i18n import N_
from ..model.vocab import Place

# Said under every note, whichever place: the notes are a start, not advice.
NOT_ADVICE = N_("A starting point, not legal advice: laws change, and each statement says "
                "when it was last checked against its source. Ask a local legal group or "
                "drug-user union before you rely on it.")
UNCLEAR = N_("Unclear or changing: ask a local legal or drug-user group.")
OURS = N_("Our reading, not the source's words.")
# Where no note exists yet ("somewhere else"), what holds everywhere.
ELSEWHERE = N_("There is no note for this place yet. Find out before anyone tells their "
               "story who must report what where the circle meets (in some places every "
               "adult must report child abuse), and ask a local legal or drug-user group.")


@dataclass(frozen=True)
class Statement:
    text: str
    source: str
    url: str
    checked: date
    ours: bool = False
    unclear: bool = False


@dataclass(frozen=True)
class LegalNote:
    place: Place
    statements: tuple[Statement, ...]


@cache
def legal_notes() -> dict[Place, LegalNote]:
    """Every place's note, read from the package's ``legal/`` folder."""
    found: dict[Place, LegalNote] = {}
    for entry in sorted(files(__package__).joinpath("legal").iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yml"):
            continue
        data = yaml.safe_load(entry.read_text(encoding="utf-8"))
        place = Place(data["place"])
        found[place] = LegalNote(place, tuple(Statement(**s) for s in data["statements"]))
    return found


def note_for(place: Place) -> LegalNote | None:
    return legal_notes().get(place)


__all__ = ["ELSEWHERE", "NOT_ADVICE", "OURS", "UNCLEAR", "LegalNote", "Statement",
           "legal_notes", "note_for"]
