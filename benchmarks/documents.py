"""Take-home documents: time to make each format, against a one-paragraph file of the same
format made by the same library in the same run (the baseline); then a needs copy with one
answer of 50,000 characters (the most a field takes) in three shapes: ordinary words, one
word with no space, and a pasted link. Target: each format <= 5 s.

Run with ``.venv/bin/python benchmarks/documents.py``.
"""

from __future__ import annotations

import statistics
import time

from circlekit.content.practice import SCENARIOS, practice_circle
from circlekit.export import DOCUMENTS, FORMATS, build_document, render

REPEATS = 5


def median_ms(fn: object) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def bare_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string="<p>x</p>").write_pdf()


def bare_docx() -> None:
    import io

    from docx import Document

    doc = Document()
    doc.add_paragraph("x")
    doc.save(io.BytesIO())


def main() -> None:
    circle = practice_circle(SCENARIOS[0].key)
    bare_pdf()  # load WeasyPrint and its fonts once, untimed
    base = {"html": None, "pdf": median_ms(bare_pdf), "docx": median_ms(bare_docx)}
    print(f"baseline: one-paragraph PDF {base['pdf']:.0f} ms, one-paragraph DOCX "
          f"{base['docx']:.0f} ms")
    print(f"{'document':<12} {'build':>8} " + " ".join(f"{f:>16}" for f in FORMATS))
    reader = circle.participants[0].id  # every copy is for one person
    for kind in DOCUMENTS:
        doc = build_document(circle, kind, reader)
        build = median_ms(lambda k=kind: build_document(circle, k, reader))
        cells = {f: median_ms(lambda f=f, d=doc: render(d, f)) for f in FORMATS}
        print(f"{kind:<12} {build:>6.0f}ms " + " ".join(
            f"{cells[f]:>7.0f}ms" + (f" ×{cells[f] / base[f]:>5.1f}" if base[f] else " " * 7)
            for f in FORMATS))
    long_answers(circle, reader)


LONGEST = 50_000
TARGET_S = 5.0


def long_answers(circle: object, reader: str) -> None:
    shapes = {"words": ("word " * LONGEST)[:LONGEST], "no space": "x" * LONGEST,
              "a link": ("https://example.org/" + "a/b?c=d&" * LONGEST)[:LONGEST]}
    print(f"one answer of {LONGEST:,} characters (target <= {TARGET_S:.0f} s per format)")
    worst = 0.0
    for shape, text in shapes.items():
        long = circle.model_copy(deep=True)  # type: ignore[attr-defined]
        long.needs[0].own_words = text
        doc = build_document(long, "needs", reader)
        timed = {}
        for f in FORMATS:
            start = time.perf_counter()
            render(doc, f)
            timed[f] = time.perf_counter() - start
        worst = max(worst, *timed.values())
        print(f"  {shape:<9} " + " ".join(f"{f} {timed[f]:5.2f} s" for f in FORMATS))
    print(f"  slowest {worst:.2f} s: {'met' if worst <= TARGET_S else 'NOT met'}")


if __name__ == "__main__":
    main()
