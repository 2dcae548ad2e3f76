"""The ``circle-notebooks`` command: what the Makefile targets run, usable from any folder.

    circle-notebooks app [--host=… --port=… --data-dir=…]   serve the facilitator app
    circle-notebooks status | lock | change | unlock          the data folder's passphrase
    circle-notebooks backup [--to FOLDER]                     a sealed backup of every circle
    circle-notebooks restore BACKUP_FILE [--circle ID]…       circles back from a backup
    circle-notebooks book                                     build the Jupyter Book
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

LOCK_ACTIONS = ("status", "lock", "change", "unlock")
BACKUP_ACTIONS = ("backup", "restore")
BOOK_BUILDER = Path("book") / "build.py"


def book(rest: list[str]) -> int:
    """Build the book from the repository in this folder (its sources are not installed)."""
    if not BOOK_BUILDER.is_file():
        print("The book is built from the Circle Notebooks repository: run this command in "
              "its top folder.")
        return 1
    return subprocess.call([sys.executable, str(BOOK_BUILDER), *rest])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="circle-notebooks", description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("command", choices=["app", *LOCK_ACTIONS, *BACKUP_ACTIONS, "book"])
    parser.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.command == "app":
        # Imported per command: `status` should not wait for Voila to load.
        from .app import main as serve

        serve(args.rest)  # replaces this process with the server
        return 0
    if args.command in LOCK_ACTIONS:
        from .lock import main as lock

        return lock([args.command, *args.rest])
    if args.command in BACKUP_ACTIONS:
        from .backup import main as backups

        return backups([args.command, *args.rest])
    return book(args.rest)


if __name__ == "__main__":
    raise SystemExit(main())
