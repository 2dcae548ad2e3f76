"""Publishing incident reports over time: 50 reports of overlapping periods and areas over a
100,000-incident log, each audited with every report published before it.

Baseline in the same run: the same report planned with no ledger (its own rules only).
Target: each audit <= 2 s.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time

from circlekit.model.release import Scope
from circlekit.org.incidents import Consequence, Incident, What, Who
from circlekit.org.publishing import plan, release_of
from circlekit.store.records import Ledger, open_records

N = 100_000
REPORTS = int(sys.argv[1]) if len(sys.argv) > 1 else 50


def main() -> int:
    rng = random.Random(0)
    areas = [f"District {i}" for i in range(12)]
    months = [f"20{y}-{m:02d}" for y in (25, 26) for m in range(1, 13)]
    incidents = [Incident.model_construct(
        id=f"{i:010x}", month=rng.choice(months), area=rng.choice(areas),
        who=rng.choice(list(Who)), what=rng.sample(list(What), rng.randint(1, 3)),
        consequences=rng.sample(list(Consequence), 1), support=[], details="")
        for i in range(N)]
    audits, bases = [], []
    with tempfile.TemporaryDirectory() as tmp:
        records = open_records(tmp)
        ledger = Ledger(records)
        for n in range(REPORTS):
            # Entries keep coming; reports cover a month, a quarter or a year, a district
            # or the whole city.
            records.add_incidents(incidents[n * N // REPORTS:(n + 1) * N // REPORTS])
            first = rng.randrange(len(months))
            length = rng.choice([1, 3, 12])
            scope = Scope(months[first], months[min(first + length, len(months)) - 1],
                          rng.choice([None, *areas[:3]]))
            log = records.incident_frame()
            releases = ledger.releases()
            t = time.perf_counter()
            planned = plan(log, releases, scope)
            audits.append(time.perf_counter() - t)
            t = time.perf_counter()
            plan(log, [], scope)
            bases.append(time.perf_counter() - t)
            ledger.add(release_of(planned, records.incident_position(), "benchmark"))
            print(f"  report {n + 1:2d}/{REPORTS}: audit {audits[-1] * 1000:5.0f} ms, "
                  f"alone {bases[-1] * 1000:5.0f} ms", flush=True)
        records.close()
    audit, base = statistics.median(audits), statistics.median(bases)
    print(f"{REPORTS} reports over {N:,} incidents: audit with the ledger median "
          f"{audit * 1000:6.0f} ms, slowest {max(audits) * 1000:6.0f} ms (target <= 2000 ms); "
          f"the same report alone {base * 1000:5.0f} ms (x{audit / base:.1f})")
    return 0 if max(audits) <= 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
