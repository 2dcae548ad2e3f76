"""What runs in the Jupyter server, never in a page's kernel.

``voila`` is the app's Voila server with its request checks (``guard``); ``launch`` builds its
command line and environment; ``running`` marks a data folder as served; ``hub`` is the
server extension each facilitator's server runs behind JupyterHub, with ``keyholder``, the
server's half of the key socket (the kernel's half is ``circlekit.store.keys``).

Imports the settings, the store (for the key's variable), content (where the pages are) and
render (the refusal page's escaping); never views, pages or the command line.
"""
