"""A real JupyterHub on this machine for the hub test and benchmark (needs root).

The hub runs deploy/jupyterhub/jupyterhub_config.py as an organisation would, with one
change: a shared test password instead of NativeAuthenticator's sign-up and approval. Each
test account is a system account of its own (created here), so its server runs as it.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Installed by `make hub-install` (as an organisation would), never an organisation's own.
HOME = Path(os.environ.get("CIRCLEKIT_TEST_HUB_HOME", "/opt/circle-notebooks-test"))
DEPLOY = HOME / "deploy" / "jupyterhub"
PYTHON = HOME / "venv" / "bin" / "python"
PASSWORD = "circle-test-password-0"
START_PAGE = "voila/render/00_start.ipynb"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def why_not() -> str | None:
    """Why a hub cannot run here, or None."""
    if os.geteuid() != 0:
        return "the hub test needs root: it creates system accounts and starts servers as them"
    return None


def install() -> None:
    """Install this checkout's app into HOME, as `make hub-install` does for an organisation."""
    subprocess.run(["make", "--no-print-directory", "-s", "hub-install", f"HUB_HOME={HOME}"],
                   cwd=ROOT, check=True, capture_output=True, timeout=900)


def account(name: str) -> pwd.struct_passwd:
    """The system account ``name`` with a fresh home (created if missing)."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--shell", "/usr/sbin/nologin", name],
                       check=True)
    user = pwd.getpwnam(name)
    shutil.rmtree(Path(user.pw_dir) / ".local" / "share" / "circle-notebooks",
                  ignore_errors=True)
    return user


def remove_account(name: str) -> None:
    subprocess.run(["userdel", "--remove", name], check=False, capture_output=True)


def as_account(name: str, code: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run Python ``code`` as account ``name`` (as its server would), with circlekit."""
    user = pwd.getpwnam(name)
    base = {"HOME": user.pw_dir, "PATH": "/usr/bin:/bin"}
    return subprocess.run([str(PYTHON), "-c", code], user=name, group=user.pw_gid,
                          env={**base, **env}, cwd=user.pw_dir, capture_output=True,
                          text=True, timeout=120)


def kernels(name: str) -> int:
    """How many page kernels account ``name`` runs."""
    found = subprocess.run(["pgrep", "-u", name, "-f", "ipykernel"], capture_output=True,
                           text=True, check=False)
    return len(found.stdout.split())


@dataclass
class Hub:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def start_page(self, user: str) -> str:
        return f"{self.url}/user/{user}/{START_PAGE}"

    def page_url(self, user: str, notebook: str, **query: str) -> str:
        from urllib.parse import urlencode

        qs = f"?{urlencode(query)}" if query else ""
        return f"{self.url}/user/{user}/voila/render/{notebook}{qs}"


def start_hub(state: Path, users: list[str], extra: str = "", *, shared_password: bool = True,
              **env_extra: str) -> Hub:
    """Start JupyterHub with ``users`` allowed (``extra``: more config lines), and wait
    until it answers. ``shared_password=False`` keeps the organisation's NativeAuthenticator."""
    state.mkdir(mode=0o700, parents=True, exist_ok=True)
    port = free_port()
    config = state / "jupyterhub_config.py"
    login = (
        "c.JupyterHub.authenticator_class = 'shared-password'\n"
        f"c.SharedPasswordAuthenticator.user_password = {PASSWORD!r}\n"
        f"c.Authenticator.allowed_users = {set(users)!r}\n"
        "c.Authenticator.allow_all = False\n"
    ) if shared_password else ""
    config.write_text(
        f"load_subconfig({str(DEPLOY / 'jupyterhub_config.py')!r})\n"
        f"c.JupyterHub.bind_url = 'http://127.0.0.1:{port}'\n"
        f"c.JupyterHub.hub_bind_url = 'http://127.0.0.1:{free_port()}'\n"
        f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{free_port()}'\n"
        + login + extra
    )
    log = state / "hub.log"
    # The installed copy only: not this checkout's code through PYTHONPATH.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(env_extra, CIRCLEKIT_HUB_STATE=str(state))
    proc = subprocess.Popen([str(PYTHON), "-m", "jupyterhub", "-f", str(config)],
                            cwd=state, env=env, stdout=log.open("ab"),
                            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterHub exited with {proc.returncode}; see {log}")
        try:
            with urllib.request.urlopen(f"{url}/hub/health", timeout=2) as resp:
                if resp.status == 200:
                    return Hub(url, proc, log)
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"JupyterHub did not answer within 90 s; see {log}")


def stop_hub(hub: Hub) -> None:
    """Stop the hub; with it the proxy and the users' servers it started."""
    hub.process.terminate()
    try:
        hub.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        hub.process.kill()
        hub.process.wait()


def login_form(page: object, hub: Hub, user: str, password: str = PASSWORD) -> None:
    """Log ``user`` in on the hub's login page (a Playwright page, sync API)."""
    page.goto(f"{hub.url}/hub/login")  # type: ignore[attr-defined]
    page.fill("#username_input", user)  # type: ignore[attr-defined]
    page.fill("#password_input", password)  # type: ignore[attr-defined]
    page.click("#login_submit")  # type: ignore[attr-defined]
