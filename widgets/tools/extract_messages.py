"""Keep the catalogs in step with the code: ``python widgets/tools/extract_messages.py``.

A maintainer's tool, kept outside the ``circlekit`` package: it imports the whole model, which
the runtime translation package must not.

Two sources of message ids:

* calls to ``_``, ``N_`` and ``ngettext`` anywhere in the package (Babel's extractor);
* the declarations, read from the objects themselves: every model field's label and help
  text, every choice label, every step, the self-assessment questions, the safety plan and
  the practice scenarios. Writing them once in the model is the point; wrapping each one in a
  marker would be a second list to keep in step.

The template is rewritten and each language's catalog updated (new ids arrive untranslated,
vanished ones are dropped); ``--check`` only reports what is missing, for tests and CI.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po
from pydantic import BaseModel

from circlekit.i18n import DOMAIN, LANGUAGES, SOURCE, catalog_path

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
# The checkout's sources, not an installed copy: the catalogs are edited where they live.
PACKAGE = Path(__file__).resolve().parents[1] / "circlekit"
HERE = PACKAGE / "i18n"
TEMPLATE = HERE / f"{DOMAIN}.pot"


def _models() -> Iterator[type[BaseModel]]:
    import importlib
    import pkgutil

    from circlekit.model import assessment, circle, incident, records

    stored = [circle, assessment, incident,
              *(importlib.import_module(f"{records.__name__}.{m.name}")
                for m in pkgutil.iter_modules(records.__path__))]
    for module in stored:
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, BaseModel)
                    and value.__module__ == module.__name__):
                yield value


def _choices() -> Iterator[type[Enum]]:
    from circlekit.model.vocab import Choice, Language

    pending: list[type[Choice]] = list(Choice.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls is not Language:  # language names are written in their own language
            yield cls


def declared() -> Iterator[tuple[str, str]]:
    """(message, where) for every string the declarations show to people."""
    from circlekit.content.practice import SCENARIOS, texts
    from circlekit.model import ALL_STEPS, PARTS
    from circlekit.org.assessment import AREAS

    for model in _models():
        for name, info in model.model_fields.items():
            for text in (info.title, info.description):
                if text:
                    yield text, f"{model.__module__}.{model.__name__}.{name}"
    for cls in _choices():
        for member in cls:
            yield member.source_label, f"{cls.__module__}.{cls.__name__}"  # type: ignore[attr-defined]
    for s in (*ALL_STEPS, *PARTS):
        where = f"step {s.key}"
        yield from ((t, where) for t in (s.title, s.purpose, *s.facilitator_notes))
        yield from ((g.title, where) for g in s.groups)
        yield from ((t, where) for t in (s.rows.all() if s.rows else ()))
    for area in AREAS:
        yield area.title, f"assessment {area.key}"
        for q in area.questions:
            yield q.text, f"assessment {q.key}"
            yield q.action, f"assessment {q.key}"
    from circlekit.content.casestudies import KINDS, POPULATIONS, SERVICES, STRATEGIES, THEMES

    for vocabulary in (KINDS, POPULATIONS, SERVICES, STRATEGIES, THEMES):
        yield from ((label, "case study vocabulary") for label in vocabulary.values())
    for sc in SCENARIOS:
        yield from ((t, f"scenario {sc.key}") for t in (sc.title, sc.premise, sc.content_note))
        yield from ((t, f"scenario {sc.key}") for t in texts(sc))
    from circlekit.content.legal import legal_notes

    for note in legal_notes().values():
        yield from ((st.text, f"legal note {note.place.value}") for st in note.statements)


def template() -> Catalog:
    catalog = Catalog(domain=DOMAIN, project="Circle Notebooks", locale=None,
                      fuzzy=False)
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(PACKAGE), keywords=KEYWORDS, comment_tags=("i18n:",)):
        if filename.startswith("i18n"):
            continue
        catalog.add(message, locations=[(f"circlekit/{filename}", lineno)])
    for message, where in declared():
        catalog.add(message, locations=[(where, 0)])
    return catalog


def _read(path: Path, language: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def problems(language: str, tmpl: Catalog | None = None) -> list[str]:
    """Ids the catalog of ``language`` lacks, leaves untranslated or marks fuzzy."""
    tmpl = tmpl or template()
    path = HERE / catalog_path(language)
    if not path.exists():
        return [f"{language}: no catalog at {path}"]
    catalog = _read(path, language)
    found = []
    for message in tmpl:
        if not message.id:
            continue
        have = catalog.get(message.id)
        if have is None:
            found.append(f"{language}: missing {message.id!r}")
        elif have.fuzzy:
            found.append(f"{language}: fuzzy {message.id!r}")
        elif not (all(have.string) if isinstance(have.string, tuple) else have.string):
            found.append(f"{language}: untranslated {message.id!r}")
    return found


def write(tmpl: Catalog) -> None:
    with TEMPLATE.open("wb") as handle:
        write_po(handle, tmpl, width=100, omit_header=False, sort_output=False,
                 include_previous=False)
    for language in LANGUAGES:
        if language == SOURCE:
            continue
        path = HERE / catalog_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = _read(path, language) if path.exists() else Catalog(
            locale=language, domain=DOMAIN, project="Circle Notebooks")
        catalog.update(tmpl, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, include_previous=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report what is missing")
    args = parser.parse_args(argv)
    tmpl = template()
    if not args.check:
        write(tmpl)
    found = [p for lang in LANGUAGES if lang != SOURCE for p in problems(lang, tmpl)]
    for line in found:
        print(line)
    print(f"{len(tmpl)} messages; {len(found)} problem(s)")
    return 1 if found and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
