"""A step notebook's opening text is for notebook readers: the app page leaves it out."""

from __future__ import annotations

import pytest

from circlekit.model.synthetic import synthetic_circle
from circlekit.store import open_store
from conftest import VoilaServer

pytestmark = pytest.mark.browser


def test_the_app_page_leaves_out_the_notebook_opening(page: object,
                                                      voila_server: VoilaServer) -> None:
    with open_store(voila_server.data_dir) as store:
        cid = store.create(synthetic_circle(6)).circle.id
    page.goto(voila_server.page_url("02_harm_map.ipynb", circle=cid))  # type: ignore[attr-defined]
    page.locator(".ck-save-status").get_by_text("✓").wait_for()  # type: ignore[attr-defined]
    body = page.locator("body").inner_text()  # type: ignore[attr-defined]
    assert "How the app uses it" not in body and "How to run it" not in body
    assert page.locator(".ck-step-view").count() >= 1  # type: ignore[attr-defined]
