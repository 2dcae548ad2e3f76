"""Organisational self-assessment and the incident log: scores, gaps, anonymity, suppression."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from circlekit.content.casestudies import load_cases
from circlekit.errors import InvalidCircle, StaleSave
from circlekit.org.assessment import AREAS, QUESTIONS, SelfAssessment, area_scores, gaps
from circlekit.org.incidents import (
    MIN_COUNT,
    Incident,
    in_scope,
    incident_frame,
    report_tables,
    suppress,
)
from circlekit.store.records import RecordStore, open_records

MARKER = "PRIVATE-DETAIL-5f1e"
SITTING = timedelta(minutes=30)


def test_known_answers_score_known_numbers() -> None:
    answers = {q.key: "yes" for q in AREAS[0].questions}
    answers |= {"harassment-policy": "partly", "consent-ethics": "no",
                "training-gender": "yes", "training-leadership": "no",
                "training-repair": "partly"}
    scores = area_scores(SelfAssessment(organisation="Test", answers=answers))
    assert scores["Reporting, protection and follow-up"] == 100
    assert scores["Policies on consent, ethics, care and power"] == 25
    assert scores["Training"] == 50
    assert scores["Spaces that include everyone"] == 0


def test_gaps_are_every_question_not_yet_in_place() -> None:
    answers = {k: "yes" for k in QUESTIONS} | {"protection": "partly", "include-trans": "no"}
    found = gaps(SelfAssessment(organisation="Test", answers=answers))
    assert [(q.key, a.value) for _, q, a in found] == [("protection", "partly"),
                                                       ("include-trans", "no")]


def test_the_questions_ask_what_the_coalition_asked_and_no_more() -> None:
    """The investigation as the coalition wrote it (no "without police" added to it);
    mandatory training asked of the leadership on its own; material reparation; silencing."""
    assert "police" not in QUESTIONS["investigation"].text + QUESTIONS["investigation"].action
    assert "independently" in QUESTIONS["investigation"].text
    assert "leadership" in QUESTIONS["training-leadership"].text
    assert "leadership" not in QUESTIONS["training-gender"].text
    assert "material" in QUESTIONS["material-reparation"].text
    assert "non-disclosure agreement" in QUESTIONS["silencing"].text


def test_every_next_action_links_to_real_case_studies() -> None:
    ids = {c.id for c in load_cases()}
    for question in QUESTIONS.values():
        assert question.action and question.cases
        assert set(question.cases) <= ids, question.key


def test_assessments_are_versioned_and_deletable(data_dir: Path) -> None:
    records = open_records(data_dir)
    a = SelfAssessment(organisation=f"Org {MARKER}")
    records.create("self-assessment", a, a.organisation)
    a.answers = {"protection": "yes"}
    v2 = records.save("self-assessment", a, a.organisation, 1)
    with pytest.raises(StaleSave):
        records.save("self-assessment", a, a.organisation, 1)
    history = records.history("self-assessment", a.id, SelfAssessment)
    assert [v for v, _, _ in history] == [1, v2]
    records.delete("self-assessment", a.id)
    raw = b"".join(p.read_bytes() for p in data_dir.glob("records.sqlite3*"))
    assert MARKER.encode() not in raw


class Clock(datetime):
    """``datetime`` whose ``now`` the test moves, to step past a sitting."""

    shift = timedelta(0)

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> Clock:  # type: ignore[override]
        return super().now(tz) + cls.shift  # type: ignore[return-value]


def test_answers_in_one_sitting_make_one_version(data_dir: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Every answer is saved at once, but a sitting keeps one version: the history shows
    progress between sittings, and a stale save from another window is still refused."""
    monkeypatch.setattr("circlekit.store.records.datetime", Clock)
    records = open_records(data_dir)
    a = SelfAssessment(organisation="Fictional drop-in")
    version = records.create("self-assessment", a, a.organisation)
    for key in ("reporting-route", "protection", "follow-up"):
        a.answers = {**a.answers, key: "yes"}
        version = records.save("self-assessment", a, a.organisation, version, sitting=SITTING)
    assert version == 4
    history = records.history("self-assessment", a.id, SelfAssessment)
    assert [(v, dict(doc.answers)) for v, _, doc in history] == [(4, a.answers)]
    assert records.open("self-assessment", a.id, SelfAssessment) == (a, 4)
    with pytest.raises(StaleSave):
        records.save("self-assessment", a, a.organisation, 3, sitting=SITTING)

    Clock.shift = SITTING + timedelta(minutes=1)  # the next sitting, the next day or so
    a.answers = {**a.answers, "protection": "partly"}
    version = records.save("self-assessment", a, a.organisation, version, sitting=SITTING)
    a.answers = {**a.answers, "follow-up": "partly"}
    version = records.save("self-assessment", a, a.organisation, version, sitting=SITTING)
    history = records.history("self-assessment", a.id, SelfAssessment)
    assert [v for v, _, _ in history] == [4, 6]
    assert history[-1][2] == a and history[0][2].answers["follow-up"] == "yes"


def test_a_sitting_s_version_stays_sealed_under_the_lock(data_dir: Path) -> None:
    """The replaced version is sealed again under its new number, so a locked folder reads
    the whole history back with its passphrase and nothing readable reaches the disk."""
    from circlekit.store import folder_recipe, open_store

    with open_store(data_dir) as store:
        store.set_passphrase("purple otters at noon")
    recipe = folder_recipe(data_dir)
    assert recipe is not None
    key = recipe.derive("purple otters at noon")
    records = RecordStore(data_dir, key=key)
    a = SelfAssessment(organisation=f"Org {MARKER}")
    version = records.create("self-assessment", a, a.organisation)
    for answer in ("no", "partly", "yes"):
        a.answers = {"protection": answer}
        version = records.save("self-assessment", a, a.organisation, version, sitting=SITTING)
    records.close()
    records = RecordStore(data_dir, key=key)
    assert [(v, doc) for v, _, doc in records.history("self-assessment", a.id,
                                                      SelfAssessment)] == [(4, a)]
    records.close()
    raw = b"".join(p.read_bytes() for p in data_dir.glob("*.sqlite3*"))
    assert MARKER.encode() not in raw


def incident(**kw: object) -> dict[str, object]:
    return {"month": "2026-03", "area": "North", "who": "police", "what": ["physical"]} | kw


@pytest.mark.parametrize("extra", [{"name": "Ana"}, {"email": "a@b.org"}, {"phone": "555"},
                                   {"area": "a@b.org"}, {"area": "14 Harbour Road"},
                                   {"month": "2026-03-14"}, {"what": []}])
def test_identifying_or_invalid_fields_are_refused(extra: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Incident.model_validate(incident(**extra))


def test_the_log_refuses_plainly(data_dir: Path) -> None:
    records = open_records(data_dir)
    with pytest.raises(InvalidCircle, match="coarse area"):
        records.add_incident(incident(area="call 0123456789"))
    assert records.incident_count() == 0


def test_free_text_never_reaches_an_aggregate(data_dir: Path) -> None:
    records = open_records(data_dir)
    for n in range(40):
        records.add_incident(incident(details=f"{MARKER} {n}", who=["police", "client"][n % 2]))
    frame = records.incident_frame()
    assert "details" not in frame.columns
    for table in report_tables(frame).values():
        assert MARKER not in table.to_csv()


def test_report_scope_by_period_and_area() -> None:
    frame = incident_frame([Incident.model_validate(incident(month=m, area=a))
                            for m, a in [("2026-01", "North"), ("2026-02", "South"),
                                         ("2026-03", "North"), ("2026-07", "North")]])
    assert len(in_scope(frame, "2026-02", "2026-06")) == 2
    assert len(in_scope(frame, area="North")) == 3


def hidden_is_safe(table: pd.DataFrame) -> None:
    """No shown count is 1–4, and no row or column has exactly one hidden cell."""
    values = table.to_numpy(dtype="float64", na_value=np.nan)
    hidden = np.isnan(values)
    shown = values[~hidden]
    assert not ((shown > 0) & (shown < MIN_COUNT)).any()
    assert (hidden.sum(axis=0) != 1).all()
    if values.shape[1] > 1:  # a one-way table's rows are single cells
        assert (hidden.sum(axis=1) != 1).all()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, 12), min_size=1, max_size=6), min_size=1, max_size=6)
       .filter(lambda rows: len({len(r) for r in rows}) == 1))
def test_suppression_leaves_nothing_to_subtract(rows: list[list[int]]) -> None:
    table = pd.DataFrame(rows, index=[f"r{i}" for i in range(len(rows))],
                         columns=[f"c{j}" for j in range(len(rows[0]))])
    result = suppress(table)
    hidden_is_safe(result)
    shown = result.drop(index="Total", columns="Total")
    mask = shown.notna()
    assert (shown[mask] == table[mask]).all().all()


def test_every_published_table_is_suppressed_at_every_level() -> None:
    import random

    rng = random.Random(3)
    incidents = [Incident.model_validate(incident(
        month=f"2026-{rng.randint(1, 6):02d}", who=rng.choice(["police", "client", "partner"]),
        what=rng.sample(["physical", "verbal", "detention", "refusal"], rng.randint(1, 2))))
        for _ in range(70)]
    incidents += [Incident.model_validate(incident(who="service")) for _ in range(3)]
    tables = report_tables(incident_frame(incidents))
    by_who = tables["By who did it"]["Incidents"]
    assert pd.isna(by_who["Staff of a service"])  # 3: hidden
    assert by_who.isna().sum() >= 2  # and one more, so the total does not give it away
    for table in tables.values():
        hidden_is_safe(table)


def test_a_report_of_too_few_incidents_names_nothing() -> None:
    """With a count hidden, a row's name would still say what happened to someone."""
    from circlekit.views.org import incident_report

    few = [Incident.model_validate(incident(what=["confiscation"], consequences=["none-known"]))
           for _ in range(MIN_COUNT - 1)]
    tables = report_tables(incident_frame(few))
    assert all(list(t.index) == ["Total"] and t.isna().all().all() for t in tables.values())
    shown = str(incident_report(tables, None, None, None))
    assert "nothing is published" in shown
    assert "Supplies taken" not in shown and "Police" not in shown and "2026-03" not in shown
    assert "hidden" not in str(report_tables(incident_frame(few * 2))["By who did it"].index)


def test_report_notebook_runs_with_hidden_counts_and_writes_csv(data_dir: Path,
                                                                tmp_path: Path) -> None:
    import json

    import papermill

    root = Path(__file__).resolve().parent.parent / "notebooks"
    records = open_records(data_dir)
    for n in range(46):  # 49 in scope, a few of rare kinds: counts are hidden
        records.add_incident(incident(month=f"2026-0{1 + n % 4}", details=MARKER,
                                      who=["police", "client", "partner"][n % 3],
                                      what=[["physical"], ["verbal", "detention"]][n % 2]))
    for _n in range(3):
        records.add_incident(incident(who="service", what=["sexual"], details=MARKER))
    records.add_incident(incident(area="South"))  # out of scope
    out = tmp_path / "report.ipynb"
    papermill.execute_notebook(
        str(root / "22_incident_report.ipynb"), str(out), cwd=str(root), kernel_name="python3",
        progress_bar=False, parameters={"data_dir": str(data_dir), "period_start": "2026-01",
                                        "period_end": "2026-04", "area": "North",
                                        "csv_dir": str(tmp_path / "csv"),
                                        "publish_by": "Drop-in team"})
    executed = json.loads(out.read_text())
    assert not [o for c in executed["cells"] for o in c.get("outputs", [])
                if o.get("output_type") == "error"]
    text = out.read_text()
    assert "Period and area: 2026-01 to 2026-04, North" in text
    assert "Incidents in scope: 49." in text
    assert "How to read a hidden cell" in text and "do not read it as small" in text
    assert "<td>hidden</td>" in text and "&lt;NA&gt;" not in text
    assert MARKER not in text
    csvs = {p.name: p.read_text() for p in (tmp_path / "csv").glob("*.csv")}
    assert set(csvs) == {f"{name}.csv" for name in report_tables(
        in_scope(records.incident_frame(), "2026-01", "2026-04", "North"))}
    assert all(MARKER not in c for c in csvs.values())
    assert "Total" in csvs["By who did it.csv"]
    by_who = csvs["By who did it.csv"]  # the hidden kind goes unnamed into "Others"
    assert "Staff of a service" not in by_who and "Others (counts hidden),hidden" in by_who
    assert "hidden" in csvs["What happened, by who did it.csv"]
    # Published, so kept in the ledger: its scope and counts, never an incident.
    from circlekit.store.records import Ledger

    (release,) = Ledger(open_records(data_dir)).releases()
    assert (release.start, release.end, release.area) == ("2026-01", "2026-04", "North")
    assert release.published_by == "Drop-in team" and MARKER not in release.model_dump_json()


def test_assessment_page_without_a_kernel(data_dir: Path) -> None:
    from circlekit.views.org import SelfAssessmentPage

    records = open_records(data_dir)
    page = SelfAssessmentPage(records)
    assert "Start or choose an assessment to see its scores." in page.chart.value
    page.organisation.value = ""
    page.new_button.click()
    assert "Give the organisation a name" in page.message.value
    page.organisation.value = "Fictional drop-in"
    page.new_button.click()
    assert "Answer a question above" in page.chart.value and "<img" not in page.chart.value
    page.questions["reporting-route"].value = "yes"
    assert "Reporting, protection and follow-up</td><td>20" in page.report.value
    assert ('alt="Score by area (of 100): Reporting, protection and follow-up: 20; '
            in page.chart.value)
    assert "10_case_explorer.ipynb?case=whrin-colombia-statement" in page.report.value
    assert "Progress over time" in page.progress.value
    page.questions["protection"].value = "partly"
    assert [v for v, _, _ in records.history("self-assessment", page.current.id,
                                             SelfAssessment)] == [3]
    page.delete_button.click()
    page.delete_button.click()
    assert records.list("self-assessment") == []
    assert "Start or choose an assessment" in page.chart.value


def test_a_failed_batch_leaves_the_log_writable(data_dir: Path) -> None:
    import sqlite3

    records, other = open_records(data_dir), open_records(data_dir)
    first = Incident.model_validate(incident())
    records.add_incidents([first])
    with pytest.raises(sqlite3.IntegrityError):  # the same id twice: the batch fails
        records.add_incidents([Incident.model_validate(incident()), first])
    assert records.incident_count() == 1  # nothing of the failed batch was kept
    records.add_incident(incident(who="client"))  # this kernel can still write …
    other.add_incident(incident(who="partner"))  # … and so can another, without waiting
    assert other.incident_count() == 3
    a = SelfAssessment(organisation="Test")
    records.create("self-assessment", a, a.organisation)
    with pytest.raises(StaleSave):
        records.save("self-assessment", a, a.organisation, 7)
    assert other.save("self-assessment", a, a.organisation, 1) == 2


def test_a_failed_transaction_rolls_back_and_the_store_stays_writable(tmp_path: Path) -> None:
    import sqlite3
    import threading

    from circlekit.store.transaction import transaction

    path = tmp_path / "t.sqlite3"
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=0.5)
    other = sqlite3.connect(path, isolation_level=None, timeout=0.5)
    db.execute("CREATE TABLE t (x INTEGER PRIMARY KEY)")
    lock = threading.RLock()
    with pytest.raises(sqlite3.IntegrityError), transaction(db, lock) as tx:
        tx.execute("INSERT INTO t VALUES (1)")
        tx.execute("INSERT INTO t VALUES (1)")
    assert not db.in_transaction
    with transaction(db, lock) as tx:
        tx.execute("INSERT INTO t VALUES (2)")
    other.execute("INSERT INTO t VALUES (3)")  # no "database is locked"
    assert [r[0] for r in other.execute("SELECT x FROM t ORDER BY x")] == [2, 3]


def test_log_page_shows_hidden_counts_plainly(data_dir: Path) -> None:
    from circlekit.views.org import IncidentLogPage

    records = open_records(data_dir)
    for n in range(12):
        records.add_incident(incident(who=["police", "client"][n % 4 == 0]))
    page = IncidentLogPage(records)
    assert "<td>hidden</td>" in page.summary.value  # 3 by clients: hidden, not "under 5"
    assert "<td>12</td>" in page.summary.value


def test_a_hidden_category_is_named_nowhere_a_reader_looks() -> None:
    """A row "Staff of a service: hidden" would say it happened at least once: the report
    page and its CSV files name only categories whose counts are shown."""
    import random

    from circlekit.org.incidents import published, report_csvs
    from circlekit.views.org import incident_report

    rng = random.Random(3)
    incidents = [Incident.model_validate(incident(
        month=f"2026-{rng.randint(1, 6):02d}", who=rng.choice(["police", "client", "partner"]),
        what=rng.sample(["physical", "verbal", "detention", "refusal"], rng.randint(1, 2))))
        for _ in range(70)]
    incidents += [Incident.model_validate(incident(who="service")) for _ in range(3)]
    tables = report_tables(incident_frame(incidents))
    assert pd.isna(tables["By who did it"].loc["Staff of a service", "Incidents"])  # audited
    page = str(incident_report(tables, None, None, None))
    files = "".join(report_csvs(tables).values())
    for shown in (page, files):
        assert "Staff of a service" not in shown
        assert "Others (counts hidden)" in shown
    for table in tables.values():  # every name left is beside a count, never "hidden"
        out = published(table)
        for row in out.index:
            if row not in ("Total", "Others (counts hidden)"):
                assert out.loc[row].notna().any(), row


def test_the_incident_report_of_a_locked_folder_says_so_plainly(tmp_path: Path) -> None:
    from circlekit.pages import incident_report_page
    from circlekit.store import SQLiteStore

    store = SQLiteStore(tmp_path)
    store.set_passphrase("a passphrase of four words")
    store.close()
    shown = incident_report_page(str(tmp_path))

    def texts(widget: object) -> str:
        own = str(getattr(widget, "value", ""))
        return own + " ".join(texts(w) for w in getattr(widget, "children", ()))

    said = texts(shown)
    assert "This page could not open" in said and "locked with a passphrase" in said


def quarter_of_incidents(records: object) -> None:
    """60 incidents in January–March (enough for most counts), then one in April."""
    kinds = [("police", ["physical"]), ("client", ["verbal"]), ("partner", ["detention"])]
    for n in range(60):
        who, what = kinds[n % 3]
        records.add_incident(incident(month=f"2026-0{1 + n % 3}", who=who, what=what,  # type: ignore[attr-defined]
                                      area=["North", "South"][n % 2]))


def test_the_report_page_previews_then_publishes_through_the_ledger(data_dir: Path) -> None:
    from circlekit.store.records import Ledger
    from circlekit.views.publishing import IncidentReportPage

    records = open_records(data_dir)
    quarter_of_incidents(records)
    page = IncidentReportPage(records)
    page.start.value, page.end.value = "2026-01", "2026-03"
    assert "Period and area: 2026-01 to 2026-03, all areas. Incidents in scope: 60." in (
        page.preview.value)
    assert "Download as CSV" not in page.preview.value  # a preview publishes nothing
    page.publish_button.click()
    assert "Say who publishes it first" in page.message.value and not Ledger(records).releases()
    page.by.value = "Drop-in team"
    page.publish_button.click()
    (first,) = Ledger(records).releases()
    assert (first.start, first.end, first.area, first.published_by) == (
        "2026-01", "2026-03", None, "Drop-in team")
    assert "Drop-in team" in page.published.value and "ck-download" in page.files.value
    # One more incident, in April: the wider report hides what would give it away.
    records.add_incident(incident(month="2026-04", who="service", what=["sexual"]))
    page = IncidentReportPage(records, "2026-01", "2026-04")
    assert "together with a report already published" in page.preview.value
    assert "Incidents in scope: hidden" in page.preview.value
