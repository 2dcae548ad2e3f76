"""Every notebook runs headless with papermill, parameters injected (a data folder and a circle).

nbval runs each as it is, with its default parameters, as a researcher opening it in
JupyterLab would: ``pytest.ini`` collects ``notebooks/`` with ``--nbval-lax``.
"""

from __future__ import annotations

import json
from pathlib import Path

import papermill
import pytest

from circlekit.model.synthetic import synthetic_circle
from circlekit.store import open_store
from conftest import ipc_kernel_manager

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
STATIC = {"30_worked_example", "40_research"}


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_with_papermill(notebook: Path, data_dir: Path, tmp_path: Path) -> None:
    with open_store(data_dir) as store:
        circle = store.create(synthetic_circle(12)).circle
    out = tmp_path / notebook.name
    papermill.execute_notebook(
        str(notebook), str(out), cwd=str(notebook.parent), kernel_name="python3",
        kernel_manager_class=ipc_kernel_manager(),
        parameters={"data_dir": str(data_dir), "circle_id": circle.id}, progress_bar=False,
    )
    executed = json.loads(out.read_text())
    errors = [o for c in executed["cells"] for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    # App pages show widgets; reports show static HTML, so they can be printed and published.
    wanted = ("text/html" if notebook.stem in STATIC
              else "application/vnd.jupyter.widget-view+json")
    shown = [o for c in executed["cells"] for o in c.get("outputs", [])
             if wanted in o.get("data", {})]
    assert shown, f"the notebook displayed no {wanted}"
