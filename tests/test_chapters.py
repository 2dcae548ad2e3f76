"""Every notebook opens with what it does and how to run it; a step notebook's opening is the
one its declaration gives, and its static report shows only what its reader may see."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import papermill
import pytest
from write_chapters import TAG, chapter_cell, stale, step_chapter, write

from circlekit.analysis import research
from circlekit.analysis.disclosure import DOMINANCE, MIN_CONTRIBUTORS
from circlekit.analysis.research import eligible
from circlekit.analysis.research_chapter import (
    REASONS,
    counted_together,
    who_is_counted,
    worked_example,
)
from circlekit.model import ALL_STEPS, Circle, SafetySituation
from circlekit.model.synthetic import synthetic_circle
from circlekit.pages.report import report_html
from circlekit.store import open_store
from conftest import ipc_kernel_manager

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PAYLOAD = '<img src=x onerror="window.__x=1"><b id="injected">b</b>'


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def text(cell: dict) -> str:
    return "".join(cell["source"])


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_notebook_opens_with_its_explanation(notebook: Path) -> None:
    found = cells(notebook)
    first = found[0]
    assert first["cell_type"] == "markdown" and text(first).startswith("# ")
    prose = [text(c) for c in found if c["cell_type"] == "markdown"]
    assert any("## How to run it" in p and "papermill" in p for p in prose)
    assert any("parameters" in c["metadata"].get("tags", []) for c in found)


def test_step_openings_match_the_step_declarations() -> None:
    assert stale(ROOT / "notebooks") == [], "run: python widgets/tools/write_chapters.py"
    for step in ALL_STEPS:
        opening = cells(ROOT / "notebooks" / step.notebook)[0]
        assert opening == chapter_cell(step)
        assert TAG in opening["metadata"]["tags"]  # the app page leaves it out
        chapter = step_chapter(step)
        assert step.purpose in chapter
        assert all(note in chapter for note in step.facilitator_notes)
        assert all(spec.label in chapter for spec in step.fields())
        assert f"papermill {step.notebook}" in chapter


def test_a_changed_declaration_is_caught_and_rewritten(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "notebooks", tmp_path, dirs_exist_ok=True)
    path = tmp_path / "02_harm_map.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"][0]["source"] = "# Harm mapping\n\nAn older wording."
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert stale(tmp_path) == ["02_harm_map.ipynb"]
    assert write(tmp_path) == ["02_harm_map.ipynb"]
    assert stale(tmp_path) == []
    assert [c["id"] for c in cells(path)].count("chapter") == 1


@pytest.fixture
def circle() -> Circle:
    made = synthetic_circle(6)
    river = made.participants[0]
    made.harms[0].description = PAYLOAD
    made.safety_plan.append(SafetySituation(holder=river.id, situation="Filler situation.",
                                            what_to_do="Filler step to take."))
    return made


def test_a_report_shows_nothing_private_by_default(circle: Circle) -> None:
    html = report_html(circle, "harm_map")
    assert "Filler account" not in html and "injected" not in html
    assert "Private details are left out" in html
    assert "Filler step" not in report_html(circle, "safety_plan")


def test_a_report_for_a_reader_shows_what_is_theirs_escaped(circle: Circle) -> None:
    mine = report_html(circle, "harm_map", reader="River")
    assert "Filler account" in mine
    assert PAYLOAD not in mine and "&lt;img src=x" in mine
    assert "Filler step" in report_html(circle, "safety_plan", reader="River")
    assert "Filler account" not in report_html(circle, "harm_map", reader="Ash")
    assert "Filler step" not in report_html(circle, "safety_plan", reader="Ash")


def test_the_debrief_is_never_a_report(circle: Circle) -> None:
    circle.debrief.how_i_am = "Filler feeling."
    for reader in (None, "Wren", "River"):
        assert "Filler feeling" not in report_html(circle, "debrief", reader=reader)


def test_a_step_notebook_runs_as_a_static_report(data_dir: Path, tmp_path: Path,
                                                 circle: Circle) -> None:
    with open_store(data_dir) as store:
        cid = store.create(circle).circle.id
    out = tmp_path / "report.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "02_harm_map.ipynb"), str(out), cwd=str(ROOT / "notebooks"),
        kernel_name="python3", kernel_manager_class=ipc_kernel_manager(), progress_bar=False,
        parameters={"data_dir": str(data_dir), "circle_id": cid, "report": True})
    outputs = [o for c in cells(out) for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert not [o for o in outputs if "application/vnd.jupyter.widget-view+json"
                in o.get("data", {})]
    html = " ".join("".join(o["data"]["text/html"]) for o in outputs
                    if "text/html" in o.get("data", {}))
    assert "Harm mapping" in html and "Ash" in html
    assert "Filler account" not in html and "injected" not in html


def test_the_research_chapter_states_the_rules_the_code_applies() -> None:
    prose = " ".join(" ".join(text(c).split()) for c in cells(ROOT / "notebooks" /
                                                              "40_research.ipynb")
                     if c["cell_type"] == "markdown")
    assert f"at least {MIN_CONTRIBUTORS} circles" in prose
    assert DOMINANCE == 0.5 and "no one circle gives more than half of it" in prose


def test_who_is_counted_hides_what_could_be_worked_out() -> None:
    circles = worked_example()
    table = dict(zip(*who_is_counted(circles).to_dict("list").values(), strict=True))
    assert table[REASONS["counted"]] == len(eligible(circles)) == 60
    assert table[REASONS["all"]] == len(circles)
    # Two practice circles are too few; seven without consent would give them away.
    assert pd.isna(table[REASONS["practice"]]) and pd.isna(table[REASONS["no_consent"]])


def test_the_check_in_counts_never_add_up_to_a_hidden_count_of_circles() -> None:
    """Eight circles counted and two left out without consent: "Counted" must be hidden (all
    minus it would give the two away), so the check-in cells it is the sum of cannot all
    show. Protected alone, the one cell "0 check-ins: 8 circles" did."""
    circles = [synthetic_circle(6, seed=n) for n in range(8)]
    for circle in circles:
        circle.checkins = []
    circles += [synthetic_circle(6, seed=50 + n, research_consent=False) for n in range(2)]
    alone = research.checkin_counts(research.eligible(circles))
    assert alone["circles"].tolist() == [8]  # the leak this guards against
    who, checkins = counted_together(circles)
    table = dict(zip(*who.to_dict("list").values(), strict=True))
    assert pd.isna(table[REASONS["counted"]])
    assert checkins["circles"].isna().any()
    # The worked example: 60 counted, 40 with one check-in; the 3 with none are too few, and
    # the 17 with two would give them away (60 - 40 - 17), so both stay hidden.
    who, checkins = counted_together(worked_example())
    assert who["count"].tolist()[0] == 60
    assert checkins["circles"].tolist()[1] == 40 and checkins["circles"].isna().sum() == 2


def test_the_research_chapter_runs_with_a_picture_per_frame(tmp_path: Path) -> None:
    out = tmp_path / "research.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "40_research.ipynb"), str(out), cwd=str(ROOT / "notebooks"),
        kernel_name="python3", kernel_manager_class=ipc_kernel_manager(), progress_bar=False)
    outputs = [o for c in cells(out) for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert len([o for o in outputs if "image/png" in o.get("data", {})]) == 4
    shown = json.dumps([o.get("data", {}).get("text/html", "") for o in outputs])
    assert "Emotional or psychological harm" in shown and "&lt;NA&gt;" in shown
    assert "Filler" not in shown and "River" not in shown


def test_an_empty_research_frame_says_why(tmp_path: Path) -> None:
    """A folder whose only circle lacks everyone's consent: no count, and the reason."""
    from circlekit.content.practice import SCENARIOS, practice_circle

    data = tmp_path / "data"
    with open_store(data) as store:
        store.create(synthetic_circle(12, research_consent=False))
        store.create(practice_circle(SCENARIOS[0].key))
    out = tmp_path / "research.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "40_research.ipynb"), str(out), cwd=str(ROOT / "notebooks"),
        parameters={"data_dir": str(data)}, kernel_name="python3",
        kernel_manager_class=ipc_kernel_manager(), progress_bar=False)
    outputs = [o for c in cells(out) for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    said = json.dumps([o.get("data", {}).get("text/markdown", "") for o in outputs])
    # The rule, and no count: "1 left out because not everyone agreed" would publish a count
    # that the "who is counted" table hides.
    assert said.count("Every count is hidden: each needs at least 5 circles behind it") == 4
    assert "left out because" not in said and "qualif" not in said


def test_the_research_chapter_publishes_its_frames_through_the_ledger(tmp_path: Path) -> None:
    """With ``publish_by``, the frames go to the data folder's ledger; a later run is
    checked against them."""
    from circlekit.analysis import research
    from circlekit.store.records import Ledger, RecordStore

    data = tmp_path / "data"
    with open_store(data) as store:
        for seed in range(8):
            store.create(synthetic_circle(12, seed=seed))
    out = tmp_path / "research.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "40_research.ipynb"), str(out), cwd=str(ROOT / "notebooks"),
        parameters={"data_dir": str(data), "publish_by": "Research team"},
        kernel_name="python3", kernel_manager_class=ipc_kernel_manager(), progress_bar=False)
    outputs = [o for c in cells(out) for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert "Published by Research team" in json.dumps(outputs)
    records = RecordStore(data)
    (release,) = Ledger(records).releases(research.KIND)
    records.close()
    with open_store(data) as store:
        assert sorted(release.shown) == sorted(
            research.release_of(research.frames(store), "x").shown)
