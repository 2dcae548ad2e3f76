"""In Chromium: every picture of a circle is on screen whole and said in words (axe-core's
"image-alt" finds nothing), and a chart's dates read as in the circle's language."""

from __future__ import annotations

import pytest
from pagekit import open_workspace, snap

from circlekit.content.practice import practice_circle
from circlekit.model import Language
from circlekit.render.charts import progress_alt
from circlekit.render.maps import harm_map_alt, pod_map_alt
from circlekit.store import open_store
from conftest import VoilaServer

pytestmark = pytest.mark.browser
ALT = {"harm_map": harm_map_alt, "pods": pod_map_alt, "follow_up": progress_alt}


@pytest.mark.parametrize("key", list(ALT))
def test_every_picture_is_whole_and_said_in_words(voila_server: VoilaServer, page: object,
                                                  key: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    circle = practice_circle("drop-in-volunteer")
    with open_store(voila_server.data_dir) as store:
        store.create(circle)
    open_workspace(page, voila_server, circle.id, step=key)
    picture = page.locator(f".ck-step-{key} img.ck-chart")  # type: ignore[attr-defined]
    picture.wait_for()
    assert picture.get_attribute("alt") == ALT[key](circle)
    images = page.evaluate("""() => [...document.querySelectorAll('.ck-page img')].map(
        i => [(i.getAttribute('alt') || '').trim(), i.naturalWidth, i.complete])""")  # type: ignore[attr-defined]
    assert images and all(alt and width > 0 and done for alt, width, done in images), images
    box = picture.bounding_box()
    assert box and 0 < box["width"] <= page.viewport_size["width"]  # type: ignore[attr-defined]
    results = Axe().run(page, context={"include": [".ck-page"]},
                        options={"runOnly": ["image-alt"]})
    assert not results.response["violations"], results.response["violations"]
    snap(page, f"picture-{key}.png")


def test_chart_dates_in_the_circle_language(voila_server: VoilaServer, page: object) -> None:
    circle = practice_circle("drop-in-volunteer")
    circle.language = Language("es")
    with open_store(voila_server.data_dir) as store:
        store.create(circle)
    open_workspace(page, voila_server, circle.id, step="follow_up")
    picture = page.locator(".ck-step-follow_up img.ck-chart")  # type: ignore[attr-defined]
    picture.wait_for()
    alt = picture.get_attribute("alt") or ""
    assert "30 mar 2026" in alt and "2026-03-30" not in alt
