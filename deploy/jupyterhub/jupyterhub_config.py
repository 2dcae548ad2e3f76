"""JupyterHub for an organisation on one machine: ``make hub`` (see deploy/README.md).

Every facilitator has a system account of their own; their server runs as that account, so
file permissions keep each data folder (~/.local/share/circle-notebooks) to its owner. The
hub's login (NativeAuthenticator, or the organisation's own) is in front; the proxy is
configurable-http-proxy from npm (deploy/jupyterhub/package.json).

Its settings are the app's (circlekit/settings.py, listed in the README): CIRCLEKIT_HUB_URL,
CIRCLEKIT_HUB_STATE, CIRCLEKIT_HUB_ADMIN, CIRCLEKIT_MEM_LIMIT and CIRCLEKIT_IDLE_HOURS here;
the others reach each facilitator's server through jupyter_server_config.py.
"""

from __future__ import annotations

import os
import pwd
import resource
import sys
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import urlsplit

from jupyterhub.app import JupyterHub
from jupyterhub.auth import LocalAuthenticator
from jupyterhub.scopes import needs_scope
from jupyterhub.spawner import LocalProcessSpawner
from nativeauthenticator import NativeAuthenticator
from nativeauthenticator.handlers import DiscardHandler, LocalBase, ToggleAuthorizationHandler
from nativeauthenticator.orm import UserInfo

from circlekit.server.hosts import hub_hosts, refuse_other_hosts
from circlekit.settings import Settings

c = get_config()  # noqa: F821 - the config object Jupyter hands to this file

settings = Settings()
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
STATE = Path(settings.hub_state)
STATE.mkdir(mode=0o700, parents=True, exist_ok=True)
# System accounts below this id (root, services) never get a server.
FIRST_UID = 1000
UNITS = {"K": 2**10, "M": 2**20, "G": 2**30}


def memory_bytes(text: str) -> int:
    text = text.strip().upper()
    return int(float(text[:-1]) * UNITS[text[-1]]) if text[-1] in UNITS else int(text)


class FacilitatorSpawner(LocalProcessSpawner):
    """A facilitator's server as their own account, with a memory ceiling per process."""

    def make_preexec_fn(self, name: str):
        become = super().make_preexec_fn(name)
        limit = self.mem_limit

        def preexec() -> None:
            if limit:
                # Address space, per process (the server and each page's kernel): past it a
                # page fails with a plain sentence instead of slowing everyone's pages down.
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            become()

        return preexec

    async def start(self):
        account = pwd.getpwnam(self.user.name)
        if account.pw_uid < FIRST_UID:
            raise ValueError(f"{self.user.name} is a system account: no server for it")
        # Each facilitator's home (their data folder, their kernels' sockets) is theirs alone.
        os.chmod(account.pw_dir, 0o700)
        return await super().start()


class ApproveByPost(LocalBase):
    """Approving, removing or discarding an account changes it, so it takes a POST with the
    hub's XSRF token, which only the admin's own page carries: a link or a page of another
    site (a plain GET, NativeAuthenticator's way) changes nothing and shows the list."""

    async def get(self, slug: str) -> None:
        self.redirect(self.hub.base_url + "authorize#" + slug)


class ToggleByPost(ApproveByPost):
    @needs_scope("admin:users")
    async def post(self, slug: str) -> None:
        UserInfo.change_authorization(self.db, slug)
        self.redirect(self.hub.base_url + "authorize#" + slug)


class DiscardByPost(ApproveByPost):
    @needs_scope("admin:users")
    async def post(self, slug: str) -> None:
        # As NativeAuthenticator's DiscardHandler: only a sign-up not yet approved goes.
        info = self.authenticator.get_user(slug)
        if info is not None and not info.is_authorized:
            self.authenticator.delete_user(type("User", (), {"name": slug}))
            if self.users.get(slug) is not None:
                self.users.delete(slug)
        self.redirect(self.hub.base_url + "authorize")


class LocalNativeAuthenticator(LocalAuthenticator, NativeAuthenticator):
    """NativeAuthenticator's sign-up and login, creating the system account on approval;
    approvals by POST only (its template in templates/ sends forms, not links)."""

    def get_handlers(self, app):
        replaced = {ToggleAuthorizationHandler: ToggleByPost, DiscardHandler: DiscardByPost}
        return [(url, replaced.get(handler, handler)) for url, handler in
                super().get_handlers(app)]


def bound_name(hub: JupyterHub) -> str:
    """The name or address the hub listens on (its bind URL, as finally configured)."""
    return urlsplit(hub.bind_url).hostname or "127.0.0.1"


def answer_only_own_names(hub: JupyterHub) -> None:
    """The hub refuses any Host but its own names (a page of another site that points a
    name of its own here gets 403, its login and approvals untouched). The running hub is
    the instance this file configures; its application is built later, so the check goes
    in as it is built."""
    build = hub.init_tornado_application

    def init_tornado_application() -> None:
        build()
        _, extra = hub_hosts(settings)
        refuse_other_hosts(hub.tornado_application, bound_name(hub), extra)

    hub.init_tornado_application = init_tornado_application


answer_only_own_names(JupyterHub.instance())
c.JupyterHub.bind_url = settings.hub_url
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
# The hub's cookies are never sent with a request another site's page makes.
c.JupyterHub.tornado_settings = {"cookie_options": {"samesite": "Strict"}}
# Its own templates first: the approval page sends forms with the XSRF token.
c.JupyterHub.template_paths = [str(HERE / "templates")]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.ConfigurableHTTPProxy.command = [str(HERE / "node_modules" / ".bin" / "configurable-http-proxy")]

c.JupyterHub.authenticator_class = LocalNativeAuthenticator
c.LocalAuthenticator.create_system_users = True
# Accounts that only ever run a facilitator's server: no login shell.
c.LocalAuthenticator.add_user_cmd = ["useradd", "--create-home", "-K", "HOME_MODE=0700",
                                     "--shell", "/usr/sbin/nologin"]
c.NativeAuthenticator.open_signup = False  # the admin approves each sign-up
c.NativeAuthenticator.minimum_password_length = 12
c.NativeAuthenticator.check_common_password = True
c.NativeAuthenticator.allowed_failed_logins = 5
c.NativeAuthenticator.seconds_before_next_try = 600
# Nobody is JupyterHub's full admin: that role may enter every facilitator's server. The
# organisation's admin gets a role that approves sign-ups and starts or stops servers only.
admin = settings.hub_admin.strip()
c.Authenticator.admin_users = set()
c.Authenticator.allowed_users = {admin} if admin else set()  # their sign-up needs no approval
c.Authenticator.allow_all = True  # and whoever they approved
ADMIN_ROLE = {
    "name": "circle-admin",
    "description": "Approve sign-ups, manage accounts, start and stop servers; not enter them",
    "scopes": ["admin-ui", "admin:users", "admin:servers", "list:users", "read:hub"],
    "users": [admin] if admin else [],
}

c.JupyterHub.spawner_class = FacilitatorSpawner
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.Spawner.args = [f"--config={HERE / 'jupyter_server_config.py'}"]
c.Spawner.notebook_dir = str(ROOT / "notebooks")
c.Spawner.default_url = "/voila/render/00_start.ipynb"
# The app's template (circlekit/jupyter) on Jupyter's path, where Voila looks for it.
c.Spawner.environment = {
    "JUPYTER_PATH": str(Path(find_spec("circlekit").origin).with_name("jupyter")),
    "CIRCLEKIT_CASESTUDIES_DIR": str(ROOT / "casestudies"),
    # The names a facilitator's server answers to are the hub's (circlekit.server.hosts).
    "CIRCLEKIT_HUB_URL": lambda spawner: f"http://{bound_name(JupyterHub.instance())}",
    "CIRCLEKIT_HUB_HOSTS": settings.hub_hosts,
}
# A bookmark to the start page starts a stopped server without a further click.
c.JupyterHub.implicit_spawn_seconds = 1
c.Spawner.mem_limit = memory_bytes(settings.mem_limit)
c.Spawner.http_timeout = 60
c.Spawner.start_timeout = 60

# Stop servers nobody used for a while: their kernels, and any key in memory, go with them.
idle = int(settings.idle_hours * 3600)
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={idle}"],
}]
c.JupyterHub.load_roles = [ADMIN_ROLE, {
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
