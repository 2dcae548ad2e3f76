"""Ten facilitators at once on this machine: every page opens and every edit is saved."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]  # its own Chromium
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))


def test_ten_concurrent_sessions_without_an_error(browser: object, tmp_path: Path) -> None:
    from load import EDITS, STEPS, pct, run_load

    alone, loaded, _idle, peak = run_load(10, tmp_path)
    print(f"\n10 sessions: {len(loaded.errors)} errors, {loaded.edits} edits saved; save p50 "
          f"{pct(loaded.saves, 50):.0f} ms, p95 {pct(loaded.saves, 95):.0f} ms; peak {peak:.0f} MB")
    assert alone.errors == [] and loaded.errors == []
    assert loaded.lost == []
    assert loaded.edits == 10 * len(STEPS) * EDITS
