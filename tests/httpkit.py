"""What a script (not a browser) sends a test server: plain requests, a WebSocket handshake,
and the kernels a server runs."""

from __future__ import annotations

import base64
import http.client
import os
import re
import subprocess
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from conftest import VoilaServer

START = "00_start.ipynb"


def kernel_ids(server: VoilaServer) -> set[str]:
    import re

    ps = subprocess.run(["ps", "-ww", "-o", "args=", "--ppid", str(server.process.pid)],
                        capture_output=True, text=True).stdout
    return set(re.findall(r"kernel-([0-9a-f-]{36})\.json", ps))


def fetch_request(request: urllib.request.Request) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def request(server: VoilaServer, path: str, method: str = "GET", *, signed: bool = True,
            **headers: str) -> tuple[int, str]:
    """``signed``: with the server's secret in a header, as a script that has it would."""
    sent = {**(server.auth if signed else {}),
            **{k.replace("_", "-"): v for k, v in headers.items()}}
    req = urllib.request.Request(server.url + path, method=method,
                                 data=b"" if method == "POST" else None, headers=sent)
    return fetch_request(req)


def websocket_status(server: VoilaServer, kernel: str, **headers: str) -> int:
    """The status of a WebSocket handshake on ``kernel``'s channels (101: opened)."""
    url = urlsplit(server.url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    hs = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
          "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(), **server.auth,
          **{k.replace("_", "-"): v for k, v in headers.items()}}
    try:
        conn.request("GET", f"/api/kernels/{kernel}/channels", headers=hs)
        return conn.getresponse().status
    finally:
        conn.close()


def open_kernel(server: VoilaServer) -> str:
    """Render the start page (as a script would) and return the kernel it started."""
    status, body = request(server, f"/voila/render/{START}")
    assert status == 200
    found = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', body)
    assert found, body[:300]
    return found.group(1)


def login_cookie(server: VoilaServer) -> str:
    """The login cookie a browser gets for its first visit with the secret (``name=value``)."""
    url = urlsplit(server.url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        conn.request("GET", f"/voila/render/{START}?token={server.token}")
        answer = conn.getresponse()
        cookies = [h.split(";", 1)[0] for k, h in answer.getheaders()
                   if k.lower() == "set-cookie" and h.startswith("username-")]
    finally:
        conn.close()
    assert cookies, "no login cookie"
    return cookies[0]


CHANNELS = ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")


def ipc_sockets(connection_file: Path) -> list[Path]:
    """The Unix sockets of a kernel, from its connection file (which must say ipc)."""
    import json

    info = json.loads(connection_file.read_text())
    assert info["transport"] == "ipc", info
    return [Path(f"{info['ip']}-{info[channel]}") for channel in CHANNELS]
