"""The package installed as a user would (``pip install ./widgets``, not editable) works
from any folder: the console script serves the app, the case studies are there, a step
page renders.

Kept fast: the package itself is built and installed for real into a fresh virtual
environment, without its dependencies; those come from the environment running the tests,
through a ``.pth`` line (Python adds that folder to the path, after the new environment's own,
and runs none of its hooks, so the checkout's editable install stays out of sight). The test
checks that the pages import ``circlekit`` from the new environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import time
import urllib.request
import venv
from pathlib import Path

import pytest

from circlekit.content.practice import practice_circle
from circlekit.store import open_store
from conftest import free_port, printed_address

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent


def make_venv(where: Path) -> Path:
    """A fresh environment with ``circlekit`` installed from ``widgets/`` (a wheel build)."""
    venv.EnvBuilder(with_pip=True).create(where)
    python = where / "bin" / "python"
    site = Path(subprocess.check_output(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        text=True).strip())
    # Installed from another folder, as `pip install ./widgets` run elsewhere would.
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--disable-pip-version-check", str(ROOT / "widgets")],
                   cwd=where, check=True, env=clean_env())
    deps = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (site / "zz_test_dependencies.pth").write_text("\n".join(deps) + "\n")
    return python


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without anything that would point Python at the checkout."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "CIRCLEKIT_CASESTUDIES_DIR", "VIRTUAL_ENV"}}
    return {**env, **extra}


def test_installed_package_serves_cases_and_steps(tmp_path: Path, browser: object) -> None:
    started = time.monotonic()
    python = make_venv(tmp_path / "venv")
    installed = subprocess.check_output(
        [python, "-c", "import circlekit, circlekit.content.resources as r; "
                       "print(circlekit.__file__); print(r.casestudies()); print(r.notebooks())"],
        cwd=tmp_path, env=clean_env(), text=True).split()
    assert all(p.startswith(str(tmp_path / "venv")) for p in installed), installed
    print(f"installed in {time.monotonic() - started:.1f} s")

    data = tmp_path / "data"
    with open_store(data) as store:
        cid = store.create(practice_circle("drop-in-volunteer")).circle.id
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    port = free_port()
    # The Voila and widget front-end files live in the dependencies' share/jupyter.
    share = Path(sys.prefix) / "share" / "jupyter"
    log = (tmp_path / "app.log").open("wb")
    app = subprocess.Popen(
        [tmp_path / "venv" / "bin" / "circle-notebooks", "app", f"--port={port}",
         f"--data-dir={data}"],
        cwd=elsewhere, stdout=log, stderr=subprocess.STDOUT,
        env=clean_env(JUPYTER_PATH=str(share), CIRCLEKIT_DATA_DIR=""))
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert app.poll() is None, (tmp_path / "app.log").read_text()
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                assert time.monotonic() < deadline, "the installed app did not answer"
                time.sleep(0.3)
        context = browser.new_context(viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
        page = context.new_page()
        page.set_default_timeout(60_000)
        # The address the app printed, with the secret it made: a first visit signs in.
        page.goto(printed_address(tmp_path / "app.log"))
        page.get_by_label("Circle name").wait_for()
        page.goto(f"{url}/voila/render/10_case_explorer.ipynb")
        page.get_by_text("10 of 10 cases match.").wait_for()
        page.get_by_label("Read a case").select_option(
            label="SisterSpace: a safe space for women who use drugs")
        page.locator("article.ck-case").get_by_role(
            "heading", name="SisterSpace: a safe space for women who use drugs").wait_for()

        page.goto(f"{url}/voila/render/circle.ipynb?circle={cid}&step=harm_map")
        page.locator(".ck-save-status").get_by_text("✓").wait_for()
        page.locator(".ck-step-harm_map").wait_for()
        assert "Traceback" not in page.content()
        for tab in list(context.pages):
            tab.close()
        context.close()
    finally:
        app.terminate()
        try:
            app.wait(timeout=15)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
        log.close()
    print(f"whole test {time.monotonic() - started:.1f} s")
