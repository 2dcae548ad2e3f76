"""The one way both stores write: a whole transaction or nothing.

``BEGIN IMMEDIATE`` takes the write lock at once, so two kernels on one data folder queue
rather than fail half-way. Any error (in the statements or in ``COMMIT`` itself) rolls back:
a transaction left open would make every later write from this kernel fail and keep other
kernels waiting on "database is locked".
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def transaction(db: sqlite3.Connection, lock: threading.RLock) -> Iterator[sqlite3.Connection]:
    with lock:
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
