"""An organisation's accountability self-assessment, declared once.

The questions come from the coalition's demands in WHRIN's statement on the Colombia case,
the National Harm Reduction Coalition's "Calling Ourselves in to Collective Accountability",
and the position paper's list of spaces that exclude people, and WHRIN's principle of "nothing about
women who use drugs, without women who use drugs". Each question names the action
that closes its gap and the case studies that show a way.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
from ..model.assessment import Answer, SelfAssessment

POINTS = {Answer.YES: 2, Answer.PARTLY: 1, Answer.NO: 0, Answer.UNSURE: 0}


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    action: str
    cases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    questions: tuple[Question, ...]


AREAS: tuple[Area, ...] = (
    Area("reporting", "Reporting, protection and follow-up", (
        # The coalition's words: "a transparent, rigorous, and independent investigation into
        # all incidents". It says nothing about police, so neither does the question.
        Question("investigation", "When harm is reported, can every incident be investigated "
                 "transparently, rigorously and independently?",
                 "Agree in advance who would investigate independently of the people "
                 "involved, and how the investigation stays transparent.",
                 ("whrin-colombia-statement",)),
        Question("reporting-route", "Is there a clear way to report harm that does not depend "
                 "on one person, including the leadership?",
                 "Set up at least two reporting routes, one outside the line of management.",
                 ("whrin-colombia-statement",)),
        Question("protection", "Are people who report protected from retaliation?",
                 "Write down how people who report are protected, and tell everyone.",
                 ("whrin-colombia-statement",)),
        Question("follow-up", "Is every report followed up, with the person told what "
                 "happens?", "Name who follows up each report, and by when.",
                 ("whrin-colombia-statement",)),
        Question("silencing", "Are people who were harmed free to speak: never asked to sign "
                 "a non-disclosure agreement or to keep quiet about what happened to them?",
                 "Decide never to ask people harmed for silence, in a non-disclosure agreement "
                 "or otherwise, and release anyone an earlier agreement binds.",
                 ("whrin-colombia-statement", "nhrc-calling-ourselves-in")),
    )),
    Area("policies", "Policies on consent, ethics, care and power", (
        Question("harassment-policy", "Does the organisation have a sexual harassment policy?",
                 "Adopt a sexual harassment policy; templates exist for harm-reduction "
                 "organisations.", ("whrin-colombia-statement",)),
        Question("consent-ethics", "Are there written policies on consent, ethics, care and "
                 "power?", "Review policies on consent, ethics, care and power with staff "
                 "and community.", ("whrin-colombia-statement",)),
    )),
    Area("training", "Training", (
        Question("training-gender", "Do staff and volunteers get mandatory training on "
                 "gender and anti-harassment?",
                 "Make gender and anti-harassment training mandatory for staff and "
                 "volunteers.", ("whrin-colombia-statement",)),
        Question("training-leadership", "Is that training mandatory for the leadership too, "
                 "with no one exempt?",
                 "Make the same training mandatory for the leadership, and record that "
                 "they took it.", ("whrin-colombia-statement",)),
        Question("training-repair", "Is there training on accountability and reparative "
                 "practice?", "Train people in accountability and repair, for example in "
                 "restorative, community and healing circles.",
                 ("urban-survivors-union", "whrin-colombia-statement")),
    )),
    Area("reparation", "Reparation", (
        Question("psychosocial", "Is psychosocial support offered to people who were harmed?",
                 "Arrange psychosocial support for people harmed, with friendly services.",
                 ("whrin-colombia-statement", "club-eney-ukraine")),
        Question("acknowledgment", "Does the organisation publicly acknowledge responsibility "
                 "when it has caused harm?", "Agree how responsibility is acknowledged "
                 "publicly, on the terms of those harmed.",
                 ("nhrc-calling-ourselves-in", "whrin-colombia-statement")),
        Question("material-reparation", "Can reparation be concrete and material where the "
                 "harm cost someone (for example income, work, housing or care), not only "
                 "words?",
                 "Set aside money and time for material reparation, decided with the people "
                 "harmed.", ("whrin-colombia-statement",)),
    )),
    Area("survivor-centred", "Survivor-centred, community-led processes", (
        Question("survivor-terms", "Is repair done on the terms of those harmed?",
                 "Ask those harmed what repair they want before deciding anything.",
                 ("nhrc-calling-ourselves-in",)),
        Question("community-led", "Are accountability processes led by the community rather "
                 "than by police or courts?", "Build a community-led accountability process "
                 "with the people you serve.",
                 ("urban-survivors-union", "position-paper-context")),
        Question("disposability", "When someone has caused harm, does the organisation "
                 "support them to stay accountable, rather than only pushing them out?",
                 "Agree how the organisation supports people who caused harm to stay "
                 "accountable, alongside what those harmed ask for.",
                 ("nhrc-calling-ourselves-in",)),
    )),
    Area("power", "Leadership and power", (
        Question("leader-accountability", "Are people in leadership held to the same "
                 "accountability as everyone else?", "Make the accountability process apply "
                 "to leadership, with someone outside it to report to.",
                 ("nhrc-calling-ourselves-in",)),
        Question("leadership-diversity", "Does the organisation nurture and elevate the "
                 "leadership of Black, Indigenous and People of Color harm reductionists?",
                 "Plan how leadership is shared and grown among those most marginalised.",
                 ("nhrc-calling-ourselves-in",)),
        Question("leadership-community", "Do people who use drugs, women who use drugs and "
                 "sex workers lead and decide what concerns them ('nothing about women who use "
                 "drugs, without women who use drugs')?",
                 "Bring people who use drugs, women who use drugs and sex workers into "
                 "leadership and decisions, not only consultation.",
                 ("sweden-safety-flyers", "metzineres-barcelona")),
    )),
    Area("inclusion", "Spaces that include everyone", (
        Question("include-pwud", "Are your spaces open to people who use drugs, without "
                 "forced withdrawal or treatment?", "Remove rules that exclude people who use "
                 "drugs.", ("metzineres-barcelona", "club-eney-ukraine")),
        Question("include-sex-workers", "Are your spaces welcoming to sex workers?",
                 "Work with sex-worker-led groups on what would make your space safe.",
                 ("counterfit-toronto",)),
        Question("include-trans", "Are your spaces welcoming to trans and queer people?",
                 "Review your services for homophobic or transphobic practice.",
                 ("queer-appalachia", "metzineres-barcelona")),
        Question("include-citizenship", "Can people without citizenship use your services?",
                 "Make services available regardless of papers.", ("metzineres-barcelona",)),
        Question("include-disability", "Are your spaces accessible to disabled people?",
                 "Check your spaces and services for accessibility with disabled people.",
                 ("position-paper-context",)),
    )),
)
QUESTIONS = {q.key: q for a in AREAS for q in a.questions}


def area_scores(assessment: SelfAssessment) -> dict[str, int]:
    """Per area, the share of the possible points, 0–100."""
    return {_(a.title): round(100 * sum(POINTS[assessment.answer(q.key)] for q in a.questions)
                           / (2 * len(a.questions))) for a in AREAS}


def gaps(assessment: SelfAssessment) -> list[tuple[Area, Question, Answer]]:
    """Every question not answered "Yes", in area order."""
    return [(a, q, assessment.answer(q.key)) for a in AREAS for q in a.questions
            if assessment.answer(q.key) is not Answer.YES]
