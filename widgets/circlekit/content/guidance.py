"""What written records can cost: said where it matters (setup, harm map, safety plan), in the
circle's language, and in the book. One declaration, so the app and the book never differ."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_


@dataclass(frozen=True)
class Guidance:
    title: str
    intro: str
    points: tuple[str, ...]


RECORDS_AND_RISK = Guidance(
    title=N_("What written records can cost"),
    intro=N_("The people these circles serve can face child removal, drug prosecution, "
             "eviction and deportation. Anything written down can be used against them."),
    points=(
        N_("A laptop, a phone or a printed agreement can be seized by police, or demanded by "
           "a court (a subpoena). A court can also order someone to give up a passphrase: the "
           "lock protects against theft and prying eyes, not against the law."),
        N_("Someone in the circle may be a mandated reporter: a social, health, teaching or "
           "child-care worker whom the law or their job requires to report some things. Ask "
           "before anyone tells their story, and say plainly what would have to be reported."),
        N_("Write needs and agreements, not evidence. Never write down legal names, "
           "addresses, children's names or schools, details of drug use or selling, "
           "immigration or HIV status, sex work or clients, admissions of crimes, or facts of "
           "a pending case."),
        N_("Ask for the least the process needs. If someone asks for something to be taken "
           "off the record, strike it: it is then gone from every version."),
        N_("Each take-home copy is for one person. A safety plan goes only to the person it "
           "belongs to."),
        N_("For know-your-rights basics and legal questions, ask a local legal group or "
           "drug-user union rather than writing advice down from memory."),
    ),
)

# The steps whose pages show it, above their forms.
SHOWN_ON = ("setup", "harm_map", "safety_plan")

__all__ = ["RECORDS_AND_RISK", "SHOWN_ON", "Guidance"]
