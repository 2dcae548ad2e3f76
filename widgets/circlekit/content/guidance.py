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


# Also printed at the foot of every paper worksheet.
NEVER_WRITE = N_("Write needs and agreements, not evidence. Never write down legal names, "
                 "addresses, phone numbers or social-media handles, children's names or "
                 "schools, details of drug use or selling, enrolment in opioid substitution "
                 "treatment, immigration or HIV status, pregnancy, gender identity or trans "
                 "history, sexual orientation, sex work or clients, officers' names, "
                 "admissions of crimes, or facts of a pending case.")

RECORDS_AND_RISK = Guidance(
    title=N_("What written records can cost"),
    intro=N_("The people these circles serve can face child removal, drug prosecution, "
             "eviction and deportation. Anything written down can be used against them."),
    points=(
        N_("A laptop, a phone or a printed agreement can be seized by police, or demanded by "
           "a court (a subpoena). A court can also order someone to give up a passphrase: the "
           "lock protects against theft and prying eyes, not against the law."),
        N_("A circle has no legal privilege. Unlike talking to a lawyer, nothing said or "
           "written in it is protected: its records can be demanded, and anyone in it can be "
           "made to testify."),
        N_("Mandated reporting is not only for some jobs. In some places every adult must "
           "report child abuse (about 18 US states, every Canadian province), and France, "
           "Spain and Colombia have duties for everyone to report some crimes or help "
           "someone in danger. Check the law where the circle meets (setup shows a note for "
           "some places), and before anyone tells their story say plainly what would have "
           "to be reported."),
        NEVER_WRITE,
        N_("Ask for the least the process needs. If someone asks for something to be taken "
           "off the record, strike it: it is then gone from every version."),
        N_("Set a routine rule for deleting records at the start, and let the app apply it. "
           "Once a court case or investigation is known or likely, do not destroy records: "
           "that can itself be a crime. Get legal advice instead."),
        N_("Each take-home copy is for one person. A safety plan goes only to the person it "
           "belongs to."),
        N_("For know-your-rights basics and legal questions, ask a local legal group or "
           "drug-user union rather than writing advice down from memory."),
    ),
)

# Under every box of free text: what is typed there is on file.
ON_FILE = N_("On file: what is written here can be seized or subpoenaed. Write only what the "
             "process needs.")

# The steps whose pages show it, above their forms.
SHOWN_ON = ("setup", "harm_map", "accountability", "safety_plan")

__all__ = ["NEVER_WRITE", "ON_FILE", "RECORDS_AND_RISK", "SHOWN_ON", "Guidance"]
