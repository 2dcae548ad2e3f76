# Each facilitator's own Jupyter server behind JupyterHub: the app's pages (Voila as a server
# extension) and nothing else: no JupyterLab, no terminal. Passed by jupyterhub_config.py
# (--config=...); the single-user image for Kubernetes copies it too.

import os

from circlekit.server.kernels import kernel_environment
from circlekit.settings import Settings
from circlekit.store import data_dir

c = get_config()  # noqa: F821 - the config object Jupyter hands to this file

c.ServerApp.jpserver_extensions = {
    "voila": True,
    "circlekit.server.hub": True,  # unlock in the browser (circlekit.server.keyholder)
    "jupyterlab": False,
    "jupyter_lsp": False,
    "jupyter_server_terminals": False,
    "notebook_shim": False,
}
c.ServerApp.terminals_enabled = False
# The pages and their kernels' channels only: no kernels, contents or sessions API, so nobody
# who reaches this server gets a general way to read files or run code here.
c.ServerApp.authorizer_class = "circlekit.server.hub.PagesOnly"
# What the pages' kernels inherit: no echo of typed values (a passphrase goes in, never out),
# no IPython history outside the data folder (circlekit/server/kernels.py).
os.environ.update(kernel_environment(data_dir()))

# Voila's and the kernels' settings come from the app's one settings object, as on a laptop
# (circlekit/settings.py; each can be changed with its CIRCLEKIT_* variable in the spawner's
# environment). A closed tab's kernel (and the circle text in its memory) goes away after
# two idle minutes; the hub's idle culler stops the whole server later (jupyterhub_config.py).
Settings().configure(c)
