"""``python -m circlekit …``: the ``circle-notebooks`` command (see ``circlekit.cli``)."""

from circlekit.cli import main

raise SystemExit(main())
