"""Entry points the notebooks call: open the store, build a page, never show a traceback.

Runs in a page's kernel. Each function here is the one line a notebook in ``notebooks/``
calls (``start_page``, ``workspace_page``, ``step_page`` …); ``report`` prints a step for
researchers. The top of the import direction: it may import views and everything below them,
and nothing imports it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs

import ipywidgets as widgets

from ..errors import NotFound
from ..i18n import _, set_language
from ..model import Circle
from ..store import Locked, data_dir, keys, open_store
from ..store.database import damaged_file
from ..views import StartPage, error_page

LOG_NAME = "circlekit.log"


def _log_to_data_folder(folder: Path) -> None:
    """Errors go to a log beside the data (owner-only); it never holds circle text."""
    logger = logging.getLogger("circlekit")
    if any(isinstance(h, logging.FileHandler) for h in logger.handlers):
        return
    path = folder / LOG_NAME
    try:
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        # A log that cannot be written must not stop the page: the server's log has it.
        logger.warning("circlekit.log cannot be written")
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _build(make: Callable[[Path], widgets.Widget], folder: str | None) -> widgets.Widget:
    """Resolve the data folder, log there, and build the page; errors become a sentence."""
    try:
        # Pages that belong to no circle speak the language the start page linked them in.
        set_language(query_param("lang"))
        path = data_dir(folder)
        _log_to_data_folder(path)
        try:
            return make(path)
        except Exception as exc:
            damage = damaged_file(path, exc)  # which file, and what to do
            if damage is None:
                raise
            raise damage from None
    except Locked as exc:
        # On a laptop the app asks at the terminal; behind JupyterHub, the start page does.
        return error_page(Locked(_(keys.UNLOCK_ON_START)) if keys.in_browser()
                          else exc)
    except Exception as exc:  # noqa: BLE001 - shown as a plain sentence, logged without content
        return error_page(exc)


def start_page(folder: str | None = None, pages: str | Path | None = None) -> widgets.Widget:
    """The start page, for the store in ``folder`` (default: the data folder)."""
    here = Path(pages) if pages else Path.cwd()
    if keys.in_browser():
        # Behind JupyterHub: the passphrase box first (see circlekit.store.keys).
        from ..views.unlock import UnlockGate

        def gated(path: Path) -> widgets.Widget:
            def make() -> tuple[widgets.Widget, Callable[[], None]]:
                shown = StartPage(open_store(path), here)
                return shown.widget, shown.store.close

            return UnlockGate(path, make).widget

        return _build(gated, folder)
    return _build(lambda path: StartPage(open_store(path), here).widget, folder)


def explorer_page(cases_folder: str | None = None, pages: str | Path | None = None, *,
                  static: bool = False) -> object:
    """The case explorer over ``cases_folder`` (default: the collection's casestudies/).

    ``static=True`` gives a printable overview (HTML) instead of live widgets.
    """
    # Imported here: pandas and matplotlib cost a second of start-up no other page needs.
    from ..content.casestudies import load_cases
    from ..views.explorer import CaseExplorer

    here = Path(pages) if pages else Path.cwd()
    try:
        set_language(query_param("lang"))
        cases = load_cases(Path(cases_folder) if cases_folder else None)
        if static:
            from IPython.display import HTML

            from ..render.report import cases_overview

            return HTML(cases_overview(cases))
        return CaseExplorer(cases, here, initial=query_param("case")).widget
    except Exception as exc:  # noqa: BLE001 - shown as a plain sentence
        return error_page(exc)


def query_param(name: str, query: str | None = None) -> str | None:
    """One parameter of the page address (Voilà passes the query as QUERY_STRING)."""
    query = os.environ.get("QUERY_STRING", "") if query is None else query
    values = parse_qs(query).get(name, [])
    return values[0] if values else None


def circle_from_query(query: str | None = None) -> str | None:
    return query_param("circle", query)


def chosen_circle(path: Path, circle_id: str | None) -> Circle:
    """The circle ``circle_id`` (else the page address's ``?circle=``) from the store in
    ``path``; a plain sentence if none was chosen."""
    cid = circle_id or circle_from_query()
    if not cid:
        raise NotFound(_("No circle was chosen. Open this page from the list of circles "
                         "on the start page."))
    with open_store(path) as store:
        return store.open(cid).circle


def workspace_page(circle_id: str | None = None, step: str | None = None,
                   folder: str | None = None) -> widgets.Widget:
    """A circle's workspace: every step in one page. ``circle_id`` and ``step`` default to
    the page address's ``?circle=…&step=…``."""
    from ..model import step as find_step
    from ..model.steps import ALL_STEPS
    from ..views.steps import step_guide
    from ..views.workspace import Workspace

    STEP_KEYS = {s.key for s in ALL_STEPS}

    def make(path: Path) -> widgets.Widget:
        cid = circle_id or circle_from_query()
        key = query_param("step") or step
        if not cid and key in STEP_KEYS:
            return step_guide(find_step(key))  # a step read about, not worked on
        if not cid:
            raise NotFound(_("No circle was chosen. Open this page from the list of circles "
                             "on the start page."))
        return Workspace(open_store(path), cid, key).widget

    return _build(make, folder)


def step_page(step_key: str, circle_id: str | None = None, folder: str | None = None
              ) -> widgets.Widget:
    """The workspace opened at one step (what the numbered step notebooks show)."""
    return workspace_page(circle_id, step_key, folder)


def assessment_page(folder: str | None = None) -> widgets.Widget:
    """The organisational self-assessment."""
    from ..store.records import open_records
    from ..views.org import SelfAssessmentPage

    return _build(lambda path: SelfAssessmentPage(open_records(path)).widget, folder)


def incident_page(folder: str | None = None) -> widgets.Widget:
    """The anonymous incident log."""
    from ..store.records import open_records
    from ..views.org import IncidentLogPage

    return _build(lambda path: IncidentLogPage(open_records(path)).widget, folder)


def incident_report_page(folder: str | None = None, start: str | None = None,
                         end: str | None = None, area: str | None = None) -> widgets.Widget:
    """The incident report page: period and area chosen on the page, a preview checked
    against every report already published, and "Publish", which keeps it in the ledger."""
    from ..store.records import open_records
    from ..views.publishing import IncidentReportPage

    return _build(lambda path: IncidentReportPage(open_records(path), start, end,
                                                  area).widget, folder)


def printed_incident_report(folder: str | None = None, start: str | None = None,
                            end: str | None = None, area: str | None = None,
                            csv_dir: str | None = None, publish_by: str | None = None
                            ) -> object:
    """The same report as static HTML, for printing and for papermill; with ``publish_by``
    it is published (kept in the ledger, its tables as CSV files in ``csv_dir``). A locked
    or damaged folder gets the plain sentence every page gives."""
    from IPython.display import HTML

    from ..store.records import open_records
    from ..views.org import report_page

    def make(path: Path) -> object:
        return HTML(str(report_page(open_records(path), start, end, area, csv_dir,
                                    publish_by)))

    return _build(make, folder)  # type: ignore[arg-type]


def printable(kind: str, circle_id: str | None = None, folder: str | None = None,
              reader: str | None = None) -> object:
    """The take-home document ``kind`` of a circle for ``reader`` (an alias or id) as HTML in
    the notebook (book, review). Without a reader it holds only what everyone shared, and no
    safety plan."""
    from IPython.display import HTML

    from ..export import build_document, render

    def make(path: Path) -> object:
        circle = chosen_circle(path, circle_id)
        who = next((p.id for p in circle.participants if reader in (p.id, p.alias)), None)
        if reader is not None and who is None:
            raise NotFound(_("Nobody in this circle is called “{name}”.").format(name=reader))
        doc = build_document(circle, kind, who)
        return HTML(render(doc, "html").decode("utf-8"))

    return _build(make, folder)  # type: ignore[arg-type]
