"""Lock a data folder with a passphrase, change it, or remove it: ``python -m circlekit.cli.lock``.

    python -m circlekit.cli.lock status
    python -m circlekit.cli.lock lock      # set a passphrase (asks twice)
    python -m circlekit.cli.lock change    # asks for the old one, then the new one twice
    python -m circlekit.cli.lock unlock    # remove the passphrase for good
"""

from __future__ import annotations

import argparse

from ..errors import CircleKitError
from ..server.running import serving_pid
from ..store import SQLiteStore, data_dir, folder_recipe
from .passphrase import ask, unlock_key

WARNING = (
    "There is no way to recover a lost passphrase: without it the circles in this folder "
    "cannot be read by anyone, including you. Write it down somewhere safe."
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["status", "lock", "change", "unlock"])
    action = parser.parse_args(argv).action
    try:
        folder = data_dir()
        locked = folder_recipe(folder) is not None
    except CircleKitError as exc:
        print(exc)
        return 1
    if action == "status":
        print(f"{folder} is {'locked' if locked else 'not locked'}.")
        return 0
    pid = serving_pid(folder)
    if pid is not None:
        print(f"The app is serving this data folder now (process {pid}). Pages open now will "
              "refuse to save after this change until they are reloaded; to be safe, stop the "
              "app first (Ctrl+C where it runs), then start it again afterwards.")
    if action == "lock" and locked:
        print("This data folder is already locked. Use 'change' for a new passphrase.")
        return 1
    if action in ("change", "unlock") and not locked:
        print("This data folder is not locked.")
        return 1
    try:
        store = SQLiteStore(folder, key=unlock_key(folder))
        with store:
            if action == "unlock":
                store.set_passphrase(None)
                print(f"{folder} is no longer locked: anyone who can open the file can read it.")
                return 0
            print(WARNING)
            store.set_passphrase(ask("New passphrase: ", confirm=True))
    except CircleKitError as exc:
        print(exc)
        return 1
    print(f"{folder} is locked. Start the app with 'make app'; it will ask for the passphrase.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
