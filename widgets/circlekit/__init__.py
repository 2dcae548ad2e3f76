"""circlekit: the components behind Circle Notebooks.

Layers import one way: ``views`` and ``store`` use ``model``; ``model`` uses neither.
"""

__version__ = "0.1.0"
