"""Typed text is never typeset as mathematics: MathJax in the page would turn an alias like
``$\\href{https://x}{Click}$`` into a live link and drop the dollars from what people read."""

from __future__ import annotations

import pytest
from pagekit import go, open_workspace, store_circle
from xss import filled

from circlekit.model import ALL_STEPS
from conftest import VoilaServer

pytestmark = pytest.mark.browser

TEX = [r"$\href{https://evil.example/}{Click}$", r"$$\unicode{x1F600}$$",
       r"\(\frac{a}{b}\)", r"\[x^2\]", r"\begin{equation}E=mc^2\end{equation}"]
TYPESET = "mjx-container, .MathJax, .MathJax_Preview, math, a[href*='evil.example']"


@pytest.mark.parametrize("tex", TEX)
def test_typed_tex_stays_text_on_every_step(tex: str, voila_server: VoilaServer,
                                            page: object) -> None:
    cid = store_circle(voila_server, filled(0, text=f"Alias {tex} end"))
    open_workspace(page, voila_server, cid)
    for step in ALL_STEPS:
        go(page, step.key)
        page.wait_for_timeout(300)  # type: ignore[attr-defined]
        view = page.locator(f".ck-step-{step.key}")  # type: ignore[attr-defined]
        assert page.locator(TYPESET).count() == 0, step.key  # type: ignore[attr-defined]
        shown = view.inner_text() + " ".join(page.evaluate(  # type: ignore[attr-defined]
            "Array.from(document.querySelectorAll('option, label')).map(e => e.textContent)"))
        assert tex in shown or step.key in ("safety_plan",), step.key
    # The circle's title (a TeX payload too) in the list of circles.
    page.goto(voila_server.page_url("00_start.ipynb"))  # type: ignore[attr-defined]
    page.locator("table").first.wait_for()  # type: ignore[attr-defined]
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    assert page.locator(TYPESET).count() == 0  # type: ignore[attr-defined]
    assert tex in page.locator("table").first.inner_text()  # type: ignore[attr-defined]


def test_no_mathjax_is_loaded(voila_server: VoilaServer, page: object) -> None:
    """The page config points Voila at a stand-in: MathJax 3 is never used."""
    page.goto(voila_server.page_url("00_start.ipynb"))  # type: ignore[attr-defined]
    page.get_by_label("Circle name").wait_for()  # type: ignore[attr-defined]
    assert page.evaluate(  # type: ignore[attr-defined]
        "!window.jupyterapp.hasPlugin('@jupyterlab/mathjax-extension:plugin')")
