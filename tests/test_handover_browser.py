"""Two facilitators' apps (two servers, two data folders) hand a circle over three times and
merge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ARTIFACTS, VoilaServer, start_voila, stop_voila

pytestmark = pytest.mark.browser

AGREED = "said aloud at the bus stop"
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def second(tmp_path: Path) -> Iterator[VoilaServer]:
    running = start_voila(tmp_path / "second" / "data", tmp_path / "second.log")
    yield running
    stop_voila(running)


def send(page: Any, server: VoilaServer, name: str, tmp_path: Path) -> Path:
    """Prepare a packet on ``server``'s start page and save it as a person would."""
    page.goto(server.page_url("00_start.ipynb"))
    page.get_by_label("Your name, as your co-facilitator knows it").fill(name)
    page.get_by_label("Passphrase you agreed in person").fill(AGREED)
    page.get_by_role("button", name="Prepare hand-over packet").click()
    with page.expect_download() as got:
        page.get_by_role("link", name="Save the hand-over packet").click()
    path = tmp_path / f"from-{name}-{len(list(tmp_path.glob('from-*')))}.cnpacket"
    got.value.save_as(path)
    return path


def take_in(page: Any, server: VoilaServer, packet: Path) -> None:
    page.goto(server.page_url("00_start.ipynb"))
    with page.expect_file_chooser() as chooser:
        # The hand-over's own picker (the page has another, for circle files).
        page.locator(".ck-handover").get_by_role("button", name="Choose file",
                                                 exact=True).click()
    chooser.value.set_files(str(packet))
    page.get_by_text(f"Chosen: {packet.name}").wait_for()  # the bytes reached the kernel
    page.get_by_label("Passphrase of the packet").fill(AGREED)
    page.get_by_role("button", name="Open packet").click()


def edit(server: VoilaServer, cid: str, change: Any) -> None:
    from circlekit.store import open_store

    with open_store(server.data_dir) as store:
        opened = store.open(cid)
        circle = opened.circle.model_copy(deep=True)
        change(circle)
        store.save(circle, opened.version, note="edited")


def test_two_facilitators_exchange_packets_and_settle_the_one_field_both_changed(
        page: Any, server: VoilaServer, second: VoilaServer, tmp_path: Path) -> None:
    from circlekit.model.synthetic import synthetic_circle
    from circlekit.store import open_store

    circle = synthetic_circle(8, seed=11, title="Shared circle")
    circle.participants[0].contact_preference = "Signal only, after six"
    with open_store(server.data_dir) as store:
        store.create(circle)
    take_in(page, second, send(page, server, "Sam", tmp_path))
    page.get_by_text("“Shared circle” arrived from Sam's copy, with its history.").wait_for()
    page.get_by_role("cell", name="Shared circle").wait_for()

    edit(server, circle.id, lambda c: setattr(c.needs[0], "own_words", "a ride to the clinic"))
    edit(second, circle.id, lambda c: setattr(c.needs[1], "who_could_meet", "the drop-in"))
    edit(server, circle.id, lambda c: setattr(c, "group_agreements", ["we meet on Mondays"]))
    edit(second, circle.id, lambda c: setattr(c, "group_agreements", [HOSTILE]))
    take_in(page, second, send(page, server, "Sam", tmp_path))
    page.get_by_text("1 field was changed in both copies").wait_for()
    choices = page.get_by_role("radio")
    assert choices.count() == 2  # exactly one conflict: keep this copy's, or take Sam's
    assert page.locator(".ck-conflict").all_inner_texts() == ["Group agreements"]
    assert page.locator("img[src=x]").count() == 0
    page.get_by_role("radio", name="Take Sam's: we meet on Mondays").check()
    page.screenshot(path=ARTIFACTS / "handover-conflict.png", full_page=True)
    page.get_by_role("button", name="Merge the two copies").click()
    page.get_by_text("Merged with Sam's copy").wait_for()
    with open_store(second.data_dir) as store:
        merged = store.open(circle.id).circle
        notes = [v.note for v in store.history(circle.id)]
    assert merged.needs[0].own_words == "a ride to the clinic"
    assert merged.needs[1].who_could_meet == "the drop-in"
    assert merged.group_agreements == ["we meet on Mondays"]
    assert merged.participants[0].contact_preference == "Signal only, after six"
    assert notes[-1] == "merged with Sam's copy"

    # The third hand-over, back to Sam: nothing to settle, and nothing private lost.
    take_in(page, server, send(page, second, "Alex", tmp_path))
    page.get_by_text("The changes in Alex's copy do not touch yours").wait_for()
    assert page.get_by_role("radio").count() == 0
    page.get_by_role("button", name="Merge the two copies").click()
    page.get_by_text("Merged with Alex's copy").wait_for()
    with open_store(server.data_dir) as store:
        back = store.open(circle.id).circle
    assert back.model_dump(exclude={"debrief", "updated"}) == merged.model_dump(
        exclude={"debrief", "updated"})
    assert back.participants[0].contact_preference == "Signal only, after six"
