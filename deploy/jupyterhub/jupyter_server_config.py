# Each facilitator's own Jupyter server behind JupyterHub: the app's pages (Voila as a server
# extension) and nothing else: no JupyterLab, no terminal. Passed by jupyterhub_config.py
# (--config=...); the single-user image for Kubernetes copies it too.
# ruff: noqa: F821 - `c` is the config object Jupyter hands to this file

c.ServerApp.jpserver_extensions = {
    "voila": True,
    "circlekit.hub": True,  # unlock in the browser (circlekit.keyholder)
    "jupyterlab": False,
    "jupyter_lsp": False,
    "jupyter_server_terminals": False,
    "notebook_shim": False,
}
c.ServerApp.terminals_enabled = False

c.VoilaConfiguration.template = "circle"  # found on JUPYTER_PATH, set by the hub
c.VoilaConfiguration.show_tracebacks = False
c.VoilaConfiguration.strip_sources = True
c.VoilaConfiguration.theme = "light"
c.VoilaExecutor.timeout = 120
c.VoilaExecutor.iopub_timeout = 60

# A closed tab's kernel (and the circle text in its memory) goes away after two idle minutes,
# as with `make app`; the hub's idle culler stops the whole server later (jupyterhub_config.py).
c.MappingKernelManager.cull_idle_timeout = 120
c.MappingKernelManager.cull_interval = 30
c.MappingKernelManager.cull_connected = False
