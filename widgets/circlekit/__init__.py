"""circlekit: the components behind Circle Notebooks.

The rooms, from the bottom up (each may import only those below it; ``tests/test_layers.py``
holds the exact table):

- ``i18n``, ``settings``, ``errors``: languages, every tunable, the errors every layer raises;
- ``model``: the process and its records, pure data;
- ``content``: case studies, practice scenarios, guidance; ``store``: storage behind one
  interface, its sealing and the kernel's half of the key socket;
- ``analysis``: research frames and disclosure control; ``org``: an organisation's
  self-assessment and incident report; ``session``: one open circle, autosaved;
- ``render``: escaped HTML, charts and maps; ``export``: take-home documents;
- ``views``: the ipywidgets pages; ``pages``: what the notebooks call.

``server`` (the Voila server, its guards, the hub extension) runs in the Jupyter server and
``cli`` in the terminal; everything from ``session`` to ``pages`` runs in a page's kernel.
"""

__version__ = "0.1.0"
