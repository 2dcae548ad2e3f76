"""The case-study library: schema, loader and a pandas view of it.

Each case is one Markdown file in ``casestudies/`` with YAML front matter (the structured
fields) and a body (the narrative, written fresh from the source). The source passage the case
draws on is kept in the file, and every quotation must occur in it word for word.
"""

from __future__ import annotations

import re
from datetime import date
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Literal

import frontmatter
import pandas as pd
import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationError,
    model_validator,
)

from ..errors import CircleKitError
from ..i18n import LANGUAGES, N_, SOURCE, _, current
from ..model import STEPS, explain
from ..settings import Settings
from .resources import casestudies as packaged_cases

# Controlled vocabularies keep filters meaningful: a typo in a case file is an error, not a
# new category of one. Labels are what readers see.
POPULATIONS = {
    "women-who-use-drugs": "Women who use drugs",
    "gender-diverse-people": "Gender-diverse and gender non-conforming people",
    "sex-workers": "Sex workers",
    "queer-people": "Queer people",
    "trans-people": "Trans people",
    "people-experiencing-homelessness": "People experiencing homelessness",
    "undocumented-migrants": "Undocumented migrants",
    "people-who-use-drugs": "People who use drugs",
    "harm-reduction-workers": "Harm-reduction workers and advocates",
    "rural-communities": "Rural communities",
}
STRATEGIES = {
    "know-your-rights": "Know-your-rights training",
    "minimise-police-contact": "Minimising contact with police",
    "documenting-encounters": "Documenting negative encounters",
    "community-circles": "Restorative, community and healing circles",
    "peer-response-team": "Peer response team",
    "bad-date-reporting": "Bad-date reporting",
    "peer-support-groups": "Peer support groups",
    "safety-flyers": "Safety flyers and advice",
    "online-self-help": "Online self-help group",
    "partnerships": "Partnerships with rights groups and services",
    "safety-planning": "Personal safety plans",
    "referral-and-accompaniment": "Referral and accompaniment",
    "safe-space": "Safe spaces",
    "self-governance": "Self-governance and mutual support",
    "mobile-outreach": "Mobile outreach",
    "public-statement": "Public statement",
    "policy-reform": "Policy reform",
    "training": "Training",
    "reparation": "Reparation",
    "abolitionist-organising": "Abolitionist organising",
    "independent-investigation": "Independent investigation",
    "reporting-and-protection": "Mechanisms for reporting, protection and follow-up",
}
SERVICES = {
    "overdose-response": "Overdose response",
    "counselling": "Counselling",
    "psychological-support": "Psychological support",
    "hotline": "Hotline",
    "shelter": "Shelter or accommodation",
    "drop-in-centre": "Drop-in centre",
    "drug-consumption-space": "Safe space for drug use",
    "medical-support": "Medical and social support",
    "ost-referral": "Referral to opioid substitution treatment",
    "naloxone": "Naloxone",
    "testing": "HIV, hepatitis C and fentanyl testing",
    "sharps-disposal": "Sharps disposal",
    "emergency-contraception": "Emergency contraception",
    "legal-information": "Legal information",
    "self-defence": "Self-defence and healing activities",
}
THEMES = {
    "police-violence": "Violence by law enforcement",
    "gender-based-violence": "Gender-based violence",
    "violence-in-movements": "Violence and power inside movements",
    "prohibition": "Drug prohibition",
    "stigma": "Stigma and discrimination",
    "exclusion-from-services": "Exclusion from services",
    "accountability": "Accountability",
    "abolition": "Abolition",
    "survivor-centred": "Survivor-centred practice",
    "intersectionality": "Intersectionality",
    "community-led": "Community-led responses",
    "racism": "Racism",
}
VIOLENT_THEMES = {"police-violence", "gender-based-violence", "violence-in-movements"}
KINDS = {
    "community-response": "Community response",
    "organisational-accountability": "Organisational accountability",
    "context": "Context",
}
STEP_KEYS = {s.key for s in STEPS}
# The countries and regions cases name, marked for translation so that pages show them in the
# reader's language (a place not listed here is shown as the case file writes it).
PLACES = {N_("Canada"), N_("Colombia"), N_("Spain"), N_("Sweden"), N_("Ukraine"),
          N_("United States"), N_("Europe"), N_("Global"), N_("Latin America"),
          N_("North America")}

DATED_NOTE = N_("Services and organisations are described as they were in {year}, the date of "
                "the source. Before referring anyone, check that a service still exists and "
                "still works this way.")
UNDATED_NOTE = N_("The source is undated. Before referring anyone, check that a service it "
                  "describes still exists and still works this way.")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def normalise(text: str) -> str:
    """Whitespace folded and typographic quotes unified, for verbatim comparison."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split())


def _no_email(value: str) -> str:
    if _EMAIL.search(value):
        raise ValueError("contains an e-mail address; case studies publish none")
    return value


def _vocab(allowed: dict[str, str]) -> AfterValidator:
    def check(values: list[str]) -> list[str]:
        unknown = [v for v in values if v not in allowed]
        if unknown:
            raise ValueError(f"unknown value(s) {unknown}; choose from {sorted(allowed)}")
        return values

    return AfterValidator(check)


Text = Annotated[str, Field(min_length=1), AfterValidator(_no_email)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Quote(Strict):
    """A passage quoted word for word from the source (in its original language)."""

    text: Text
    language: str = Field("en", pattern=r"^[a-z]{2}$")
    translation: Text | None = None
    translation_by: str | None = None

    @model_validator(mode="after")
    def _translated_if_foreign(self) -> Quote:
        if self.language != "en" and not self.translation:
            raise ValueError("a quotation not in English needs an English translation")
        return self


class Source(Strict):
    document: Text
    publisher: Text
    published: date | None = None
    url: HttpUrl | None = None
    excerpt: Text = Field(description="The source passage this case draws on, kept verbatim.")


class CaseTranslation(Strict):
    """The case's own words in another language: its content note and discussion questions
    (and, where written, its summary). Quotations keep their original language."""

    content_note: Text | None = None
    summary: Text | None = None
    questions: list[Text] = []


class CaseStudy(Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: Text
    organisation: Text
    website: HttpUrl | None = None
    country: str | None = Field(None, description="Leave out for a case that is not about one "
                                "country (the region then says where).")
    region: str
    kind: Literal["community-response", "organisational-accountability", "context"]
    populations: Annotated[list[str], _vocab(POPULATIONS)]
    strategies: Annotated[list[str], _vocab(STRATEGIES)]
    # What the source calls for, as distinct from what it says is done: a coalition's demands
    # are not strategies in use, and are counted apart.
    demands: Annotated[list[str], _vocab(STRATEGIES)] = []
    services: Annotated[list[str], _vocab(SERVICES)] = []
    # Each strategy, demand and service is a claim the explorer counts and filters by, so each
    # names the words of the source that support it.
    grounds: dict[str, Text] = Field({}, description="For every strategy, demand and service: "
                                     "the passage of source.excerpt that supports it.")
    themes: Annotated[list[str], _vocab(THEMES)]
    steps: Annotated[list[str], _vocab({k: k for k in STEP_KEYS})]
    source: Source
    quotes: list[Quote] = Field(min_length=1)
    summary: Text
    questions: list[Text] = Field(min_length=1)
    content_note: Text | None = None
    translations: dict[str, CaseTranslation] = {}
    narrative: Text

    @model_validator(mode="after")
    def _checks(self) -> CaseStudy:
        excerpt = normalise(self.source.excerpt)
        for i, q in enumerate(self.quotes):
            if normalise(q.text) not in excerpt:
                raise ValueError(f"quotes.{i}: the quotation does not occur word for word in "
                                 "source.excerpt")
        unsupported = claims_without_source(self)
        if unsupported:
            raise ValueError("grounds: no source passage supports " + "; ".join(unsupported))
        if VIOLENT_THEMES & set(self.themes) and not self.content_note:
            raise ValueError("content_note: a case that describes violence needs a content note")
        for language, local in self.translations.items():
            where = f"translations.{language}"
            if language not in LANGUAGES or language == SOURCE:
                raise ValueError(f"{where}: not one of the app's other languages "
                                 f"{[x for x in LANGUAGES if x != SOURCE]}")
            if bool(local.content_note) != bool(self.content_note):
                raise ValueError(f"{where}.content_note: translate the content note, and only "
                                 "when the case has one")
            if local.questions and len(local.questions) != len(self.questions):
                raise ValueError(f"{where}.questions: translate every question, in order")
        return self

    def localised(self, field: Literal["content_note", "summary", "questions"],
                  language: str | None = None) -> str | list[str] | None:
        """The field in ``language`` (default: the current one) where the case translates it,
        else in English."""
        local = self.translations.get(language or current())
        value = getattr(local, field) if local else None
        return value or getattr(self, field)

    def dated_note(self, translate: bool = True) -> str:
        """The reminder that what the case describes may have changed since its source."""
        tr = _ if translate else str
        published = self.source.published
        return (tr(DATED_NOTE).format(year=published.year) if published
                else tr(UNDATED_NOTE))

    @property
    def where(self) -> str:
        """'Country (region)', or the region alone for a case not about one country."""
        region = _(self.region)
        return f"{_(self.country)} ({region})" if self.country else region

    def searchable(self) -> str:
        local = [t for lt in self.translations.values()
                 for t in (lt.content_note or "", lt.summary or "", *lt.questions)]
        parts = [self.title, self.organisation, self.country or "", self.region, self.summary,
                 self.narrative, *self.questions, *local, *(q.text for q in self.quotes),
                 *(q.translation or "" for q in self.quotes),
                 *(POPULATIONS[p] for p in self.populations),
                 *(STRATEGIES[s] for s in (*self.strategies, *self.demands)),
                 *(SERVICES[s] for s in self.services), *(THEMES[t] for t in self.themes)]
        return " ".join(parts).casefold()


def claims_without_source(case: CaseStudy) -> list[str]:
    """Every tag of ``case`` that no passage of its source supports, and every passage given
    that is not in the source, in words a case author can act on."""
    excerpt = normalise(case.source.excerpt)
    claims = {*case.strategies, *case.demands, *case.services}
    problems = [f"{tag!r} (add it to grounds with the words that say so)"
                for tag in sorted(claims - case.grounds.keys())]
    problems += [f"{tag!r} (the passage given is not word for word in source.excerpt)"
                 for tag, passage in sorted(case.grounds.items())
                 if tag in claims and normalise(passage) not in excerpt]
    problems += [f"{tag!r} (grounds for a tag the case does not use)"
                 for tag in sorted(case.grounds.keys() - claims)]
    return problems


class CaseFileError(CircleKitError):
    """A case file that cannot be loaded; the message names the file and the field."""


def load_case(path: Traversable) -> CaseStudy:
    try:
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CaseFileError(f"{path.name}: cannot be read ({exc}).") from None
    try:
        return CaseStudy.model_validate({**post.metadata, "narrative": post.content.strip()})
    except ValidationError as exc:
        raise CaseFileError(f"{path.name}: " + " ".join(explain(exc, CaseStudy))) from None


def load_cases(folder: Traversable | None = None) -> list[CaseStudy]:
    """Every case in ``folder``, else ``$CIRCLEKIT_CASESTUDIES_DIR``, else the collection's
    ``casestudies/`` (package data once installed); sorted by title."""
    env = Settings().casestudies_dir
    folder = folder or (Path(env) if env else packaged_cases())
    files = sorted((p for p in folder.iterdir()
                    if p.name.endswith(".md") and p.name != "README.md"), key=lambda p: p.name)
    cases = [load_case(p) for p in files]
    ids = [c.id for c in cases]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise CaseFileError(f"Two case files share the id(s) {sorted(duplicates)}.")
    return sorted(cases, key=lambda c: c.title.casefold())


def cases_frame(cases: list[CaseStudy]) -> pd.DataFrame:
    """One row per case; list fields stay lists (``explode`` them to count)."""
    return pd.DataFrame([
        {"id": c.id, "title": c.title, "organisation": c.organisation, "country": c.country,
         "region": c.region, "kind": c.kind, "populations": c.populations,
         "strategies": c.strategies, "demands": c.demands, "services": c.services,
         "themes": c.themes,
         "steps": c.steps, "published": c.source.published, "publisher": c.source.publisher}
        for c in cases
    ])


def filter_cases(cases: list[CaseStudy], *, country: str = "", region: str = "",
                 kind: str = "", population: str = "", strategy: str = "", service: str = "",
                 text: str = "") -> list[CaseStudy]:
    """The cases matching every filter given; empty filters match everything."""
    words = text.casefold().split()
    return [
        c for c in cases
        if (not country or c.country == country) and (not region or c.region == region)
        and (not kind or c.kind == kind)
        and (not population or population in c.populations)
        and (not strategy or strategy in c.strategies or strategy in c.demands)
        and (not service or service in c.services)
        and all(w in c.searchable() for w in words)
    ]


def options(cases: list[CaseStudy], field: str) -> list[tuple[str, str]]:
    """(label, value) choices for one filter, from the values the cases actually use."""
    labels = {"populations": POPULATIONS, "strategies": STRATEGIES, "services": SERVICES,
              "kind": KINDS}.get(field, {})
    values: set[str] = set()
    for c in cases:
        value = getattr(c, field)
        if field == "strategies":
            value = [*value, *c.demands]
        values |= set(value) if isinstance(value, list) else {value}
    values.discard(None)
    return sorted(((_(labels[v]) if v in labels else _(v), v) for v in values),
                  key=lambda o: o[0].casefold())


def strategies_by_region(cases: list[CaseStudy],
                         field: Literal["strategies", "demands"] = "strategies",
                         ) -> dict[str, dict[str, int]]:
    """How many cases use each strategy (labelled), per region: {strategy: {region: n}}. With
    ``field="demands"``: how many call for it (a demand is never counted as a strategy used)."""
    table: dict[str, dict[str, int]] = {}
    for c in cases:
        for s in getattr(c, field):
            row = table.setdefault(_(STRATEGIES[s]), {})
            row[c.region] = row.get(c.region, 0) + 1
    return table
