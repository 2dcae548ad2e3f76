"""Aggregating the incident log: 100,000 incidents into the published, suppressed tables.

Baseline in the same run: a bare pandas value_counts over the same frame. Target: the full
report (load from SQLite + every table) in <= 1 s.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time

from circlekit.org.incidents import Consequence, Incident, What, Who, report_tables
from circlekit.store.records import open_records

N = 100_000


def main() -> int:
    rng = random.Random(0)
    areas = [f"District {i}" for i in range(12)]
    incidents = [Incident.model_construct(
        id=f"{i:010x}", month=f"20{rng.randint(20, 26)}-{rng.randint(1, 12):02d}",
        area=rng.choice(areas), who=rng.choice(list(Who)),
        what=rng.sample(list(What), rng.randint(1, 3)),
        consequences=rng.sample(list(Consequence), 1), support=[], details="")
        for i in range(N)]
    with tempfile.TemporaryDirectory() as tmp:
        records = open_records(tmp)
        records.add_incidents(incidents)
        loads, reports, bares = [], [], []
        for _ in range(3):
            t = time.perf_counter()
            frame = records.incident_frame()
            loads.append(time.perf_counter() - t)
            t = time.perf_counter()
            report_tables(frame)
            reports.append(time.perf_counter() - t)
            t = time.perf_counter()
            frame["who"].value_counts()
            bares.append(time.perf_counter() - t)
        records.close()
    load, report, bare = (statistics.median(x) for x in (loads, reports, bares))
    print(f"{N:,} incidents: load {load * 1000:6.0f} ms + every table {report * 1000:6.0f} ms "
          f"= {(load + report) * 1000:6.0f} ms  (bare value_counts {bare * 1000:5.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
