"""Backups from the command line, for an organisation's scheduled job and for scripted checks.

    circle-notebooks backup [--to FOLDER]                make a sealed backup now
    circle-notebooks restore BACKUP_FILE [--circle ID]…  bring circles back from one

Both work on the data folder ``--data-dir`` or ``$CIRCLEKIT_DATA_DIR`` names. A passphrase is
asked at a prompt, or read from the file ``--passphrase-file`` names (its first line). The
exit status is 0 on success; on any refusal it is 1, with one line that says why, and
nothing was changed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import CircleKitError
from ..store import SQLiteStore, data_dir, folder_recipe
from ..store.backup import chosen_folder, has_key, make_backup, set_backup_passphrase
from ..store.crypto import WrongPassphrase
from ..store.restore import OpenedBackup, State, compare, restore
from .passphrase import ask


class Refused(Exception):
    """One line saying why nothing was done."""


def _passphrase(args: argparse.Namespace, prompt: str, *, confirm: bool = False) -> str:
    if args.passphrase_file:
        try:
            lines = Path(args.passphrase_file).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise Refused(f"The passphrase file cannot be read: {exc.strerror}.") from None
        if not lines or not lines[0]:
            raise Refused("The passphrase file is empty.")
        return lines[0]
    return ask(prompt, confirm=confirm)


def _open_store(args: argparse.Namespace, passphrase: str | None = None) -> SQLiteStore:
    """The data folder's store; a locked one opens with ``passphrase`` or the one asked."""
    folder = data_dir(args.data_dir)
    recipe = folder_recipe(folder)
    if recipe is None:
        return SQLiteStore(folder)
    if passphrase is not None:
        try:
            return SQLiteStore(folder, key=recipe.derive(passphrase))
        except WrongPassphrase:
            if args.passphrase_file:  # no one to ask a second passphrase of
                raise Refused("The data folder is locked with another passphrase than the "
                              "backup's; restore without --passphrase-file to give both."
                              ) from None
    return SQLiteStore(folder, key=recipe.derive(_passphrase(
        args, "Passphrase for this data folder: ")))


def backup(args: argparse.Namespace) -> int:
    locked = folder_recipe(data_dir(args.data_dir)) is not None
    with _open_store(args, None if not locked else _passphrase(
            args, "Passphrase for this data folder: ")) as store:
        if not has_key(store):
            print("This data folder is not locked, so its backups need a passphrase of their "
                  "own. Nothing in a backup can be read without it: write it down somewhere "
                  "safe.", file=sys.stderr)
            set_backup_passphrase(store, _passphrase(args, "New backup passphrase: ",
                                                     confirm=True))
        if not args.to and chosen_folder(store) is None:
            raise Refused("No backup folder is chosen yet: give one with --to FOLDER, or "
                          "choose one on the start page.")
        made = make_backup(store, Path(args.to).expanduser().resolve() if args.to else None)
        print(f"Backup written: {made.path} ({made.size:,} bytes, "
              f"{len(store.list())} circles).")
    return 0


def restore_command(args: argparse.Namespace) -> int:
    passphrase = _passphrase(args, "Passphrase of the backup: ")
    with OpenedBackup(Path(args.backup_file), passphrase) as opened, \
            _open_store(args, passphrase) as store:
        done = restore(store, opened, args.circle or None, replace_changed=args.replace_changed)
        held = {h.id: h for h in compare(opened, store)}
        for h in done:
            print(f"Restored {h.id} ({held[h.id].versions} versions; was {h.state.value}).")
        if not done:
            print("Nothing to restore: every circle chosen is the same here as in the backup.")
        same = [h for h in held.values() if h.state is State.SAME]
        print(f"{len(same)} of {len(held)} circles in the backup are now the same here.")
    return 0


def main(argv: list[str] | None = None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", help="The data folder (default: $CIRCLEKIT_DATA_DIR, "
                        "else the user's data folder).")
    common.add_argument("--passphrase-file", help="Read the passphrase from this file's first "
                        "line instead of asking (keep the file owner-only).")
    parser = argparse.ArgumentParser(prog="circle-notebooks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("backup", parents=[common],
                               help="Make a sealed backup of the data folder now.")
    make.add_argument("--to", help="The backup folder (default: the one chosen on the start "
                      "page).")
    back = commands.add_parser("restore", parents=[common],
                               help="Bring circles back from a backup.")
    back.add_argument("backup_file")
    back.add_argument("--circle", action="append", metavar="ID",
                      help="Restore only this circle (repeat for more; default: all).")
    back.add_argument("--replace-changed", action="store_true",
                      help="Also restore circles changed here since the backup; the backup's "
                      "version becomes the latest and the history here is kept.")
    args = parser.parse_args(argv)
    try:
        return backup(args) if args.command == "backup" else restore_command(args)
    except (CircleKitError, Refused) as exc:
        print(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Stopped; nothing was changed.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
