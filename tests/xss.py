"""Hostile text for every place user text can reach HTML, and a parser that finds injections.

Each payload, if it ever ran, would set ``window.__xss``; the browser tests check that too.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from circlekit.content.practice import practice_circle
from circlekit.model import STEPS, Circle

PAYLOADS: list[str] = [
    # script and event handlers
    "<script>window.__xss=1</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=window.__xss=2>",
    "<img src=x onerror=\"window.__xss=3\">",
    "<IMG SRC=x OnErRoR=window.__xss=4>",
    "<svg onload=window.__xss=5>",
    "<svg><script>window.__xss=6</script></svg>",
    "<body onload=window.__xss=7>",
    "<iframe src=javascript:window.parent.__xss=8>",
    "<iframe srcdoc='<script>parent.__xss=9</script>'>",
    "<details open ontoggle=window.__xss=10>",
    "<input autofocus onfocus=window.__xss=11>",
    "<video><source onerror=window.__xss=12></video>",
    "<audio src=x onerror=window.__xss=13>",
    "<marquee onstart=window.__xss=14>",
    "<object data=javascript:window.__xss=15>",
    "<embed src=javascript:window.__xss=16>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=17>",
    "<noscript><p title=\"</noscript><img src=x onerror=window.__xss=18>\">",
    "<template><img src=x onerror=window.__xss=19></template>",
    # breaking out of attributes and elements
    "\"><img src=x onerror=window.__xss=20>",
    "'><svg onload=window.__xss=21>",
    "</td></tr></table><img src=x onerror=window.__xss=22>",
    "</textarea><script>window.__xss=23</script>",
    "</style><script>window.__xss=24</script>",
    "</title><img src=x onerror=window.__xss=25>",
    "--><img src=x onerror=window.__xss=26><!--",
    "<![CDATA[<img src=x onerror=window.__xss=27>]]>",
    "\" onmouseover=\"window.__xss=28",
    "' autofocus onfocus='window.__xss=29",
    # javascript: and data: URLs
    "<a href=\"javascript:window.__xss=30\">link</a>",
    "<a href=\"JaVaScRiPt:window.__xss=31\">link</a>",
    "<a href=\"&#106;avascript:window.__xss=32\">link</a>",
    "<a href=\"data:text/html,<script>window.__xss=33</script>\">link</a>",
    "<form action=javascript:window.__xss=34><button>go</button></form>",
    "<base href=javascript:/>",
    "<meta http-equiv=refresh content=\"0;url=javascript:window.__xss=35\">",
    # CSS
    "<style>body{display:none}</style>",
    "<div style=\"background:url(javascript:window.__xss=36)\">x</div>",
    "<div style=\"position:fixed;inset:0;z-index:99999\">cover</div>",
    "<link rel=stylesheet href=//evil.example/x.css>",
    "<style>@import url(//evil.example/x.css);</style>",
    # encodings and entities
    "&lt;img src=x onerror=window.__xss=37&gt;",
    "&#60;script&#62;window.__xss=38&#60;/script&#62;",
    "\u003cimg src=x onerror=window.__xss=39\u003e",
    "<scr<script>ipt>window.__xss=40</scr</script>ipt>",
    "%3Cscript%3Ewindow.__xss=41%3C/script%3E",
    # Markdown, MyST, LaTeX and template tricks (the book renders Markdown)
    "[click](javascript:window.__xss=42)",
    "![x](x \"onerror=window.__xss=43\")",
    "<javascript:window.__xss=44>",
    "```{raw} html\n<script>window.__xss=45</script>\n```",
    "{eval-rst}`.. raw:: html`",
    "$\\href{javascript:window.__xss=46}{x}$",
    "$$\\unicode{<img src=x onerror=window.__xss=47>}$$",
    "{{ 7*7 }} ${7*7} <%= 7*7 %>",
    "<!-- hidden --><h1>Forged heading</h1>",
    "\u202e<img src=x onerror=window.__xss=48>\u202c",
    "<b id=injected>bold</b><i>italic</i>",
]

# In a live page: any element matching this inside the app is an injection.
INJECTED = ("script, iframe, object, embed, svg, math, video, audio, form, marquee, "
            "img:not(.ck-chart), [onerror], [onload], [onfocus], [ontoggle], "
            "a[href^='javascript' i], #injected")

# What may be smuggled in: any of these in user text must come out as text.
_ACTIVE_TAGS = {"script", "iframe", "object", "embed", "base", "meta", "link", "style",
                "form", "svg", "math", "template", "noscript", "video", "audio", "source",
                "marquee", "body", "input", "textarea", "button", "details"}


_ACTING_ATTRS = {"href", "src", "action", "formaction", "srcdoc", "style", "data",
                 "xlink:href", "content", "background", "poster"}


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: Counter[tuple[str, tuple[str, ...]]] = Counter()
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = tuple(sorted(name for name, _ in attrs))
        self.shape[(tag, names)] += 1
        for name, value in attrs:
            v = (value or "").strip().lower()
            if name.startswith("on") or v.startswith(("javascript:", "vbscript:")) or (
                    v.startswith("data:text/html")):
                self.bad.append(f"<{tag} {name}={value!r}>")
            if name == "id" and v == "injected":
                self.bad.append(f"<{tag} id=injected>")
        for name, value in attrs:
            # Escaped text in a title or alt is harmless; in these it would act.
            if name in _ACTING_ATTRS and "__xss" in (value or ""):
                self.bad.append(f"<{tag} {name}> carries a payload")

    handle_startendtag = handle_starttag


def shape(markup: str) -> Counter[tuple[str, tuple[str, ...]]]:
    """Which elements with which attribute names the markup has (not what they say)."""
    parser = _Elements()
    parser.feed(markup)
    return parser.shape


def injected(markup: str, *, allowed: set[str] | None = None) -> list[str]:
    """Elements or attributes that could run code or forge the page, if any."""
    parser = _Elements()
    parser.feed(markup)
    active = _ACTIVE_TAGS - (allowed or set())
    return parser.bad + [f"<{t}>" for (t, _), n in parser.shape.items() if t in active]


def hostile_cases(folder: Path, template: Path) -> list[str]:
    """Write one case per payload into ``folder`` (title, organisation, summary, questions,
    their translations, country and narrative all hostile), based on the real case file
    ``template``."""
    import yaml

    _, front, _body = template.read_text(encoding="utf-8").split("---\n", 2)
    base = yaml.safe_load(front)
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    n = len(PAYLOADS)
    for i, payload in enumerate(PAYLOADS):
        meta = dict(base, id=f"hostile-{i}", title=payload,
                    organisation=PAYLOADS[(i + 1) % n], summary=PAYLOADS[(i + 2) % n],
                    country=PAYLOADS[(i + 3) % n],
                    questions=[PAYLOADS[(i + k) % n] for k in range(4, 8)])
        local = {"content_note": PAYLOADS[(i + 13) % n],
                 "questions": [PAYLOADS[(i + k) % n] for k in range(14, 18)]}
        meta["translations"] = {code: dict(local) for code in base.get("translations", {})}
        body = "\n\n".join([PAYLOADS[(i + k) % n] for k in range(8, 12)]
                           + [f"**{payload}**", f"> {PAYLOADS[(i + 12) % n]}"])
        (folder / f"hostile-{i}.md").write_text(
            "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body + "\n",
            encoding="utf-8")
        ids.append(f"hostile-{i}")
    return ids


def filled(offset: int, text: object = None) -> Circle:
    """A complete practice circle whose every free-text field holds a payload (rotated by
    ``offset``, so over all offsets every field receives every payload)."""
    circle = practice_circle("drop-in-volunteer")
    for p in circle.participants:
        p.shares_private = True  # exports then carry the private fields too
    for n in circle.needs:
        n.private = False
    k = offset

    def next_text() -> str:
        nonlocal k
        k += 1
        return str(text) if text is not None else PAYLOADS[k % len(PAYLOADS)]

    def one_line() -> str:
        return next_text().replace("\n", " ")[:200]

    circle.title = one_line()
    circle.group_agreements = [one_line(), one_line()]
    for step in STEPS:
        # A step edits rows of the circle, or one record of it (closing, debrief).
        rows = getattr(circle, step.collection) if step.collection else [
            getattr(circle, step.key)]
        for row in rows:
            for spec in step.fields():
                if spec.kind == "text":
                    setattr(row, spec.name, one_line())
                elif spec.kind == "longtext":
                    setattr(row, spec.name, next_text())
    return circle
