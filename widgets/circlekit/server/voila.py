"""The app's Voilà server: Voilà with the request checks of ``circlekit.server.guard``.

``python -m circlekit.server.voila notebooks --port=8866`` (``circlekit.server.launch`` runs
it, with the options of ``circlekit.settings``). Before any handler runs, a request is
refused if its ``Host`` is not one of the app's addresses (DNS rebinding), if its ``Origin``
is another one, or if the browser marks it as sent by another site; a page that would start
a kernel is also refused once ``max_kernels`` pages are open. The XSRF check stays on: pages
get the cookie Voilà's page-leave request sends back, so a closed page's kernel still stops
at once.
"""

from __future__ import annotations

import os
import secrets
from typing import Any
from urllib.parse import parse_qsl, urlencode

import tornado.web
from jupyter_server.utils import url_path_join
from tornado import httputil
from traitlets import Bool, Int, List, Unicode
from voila.app import Voila
from voila.handler import VoilaHandler
from voila.tornado.handler import TornadoVoilaHandler

from ..i18n import LANGUAGES, N_, _, language, supported
from ..settings import TOKEN_VAR, Settings
from . import guard
from .quiet import quieten

HOST_REFUSED = N_("This address is not one of the app's. Open the app at the address it "
                  "printed when it started.")
START_PAGE = "00_start.ipynb"  # where the bare address leads, and the address printed
OTHER_SITE = N_("This page was opened from another website or program, so it was not "
                "started: circles open only from the app itself.")
OPEN_HERE = N_("Open this page in the app")
TOO_MANY = N_("Too many open pages: close some tabs of this app, then reload.")
REFUSED_TITLE = N_("This page did not open")


def page_language(request: httputil.HTTPServerRequest) -> str:
    """The language the page asked for (``?lang=``), else the browser's first known one."""
    asked = request.query_arguments.get("lang", [b""])[0].decode("ascii", "replace")
    if asked in LANGUAGES:
        return asked
    for part in request.headers.get("Accept-Language", "").split(","):
        code = part.split(";", 1)[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return supported(None)


class RefusalHandler(tornado.web.RequestHandler):
    """A plain page saying why a request was refused; it starts nothing."""

    def initialize(self, status: int, message: str, link: bool = False) -> None:
        self.status, self.message, self.link = status, message, link

    def check_xsrf_cookie(self) -> None:
        """Nothing happens here, so there is nothing to forge."""

    def prepare(self) -> None:
        # Imported here: the server needs the escaping helper only for this rare page.
        from ..render.html import esc, join, tag

        with language(page_language(self.request)) as lang:
            body = [tag("h1", _(REFUSED_TITLE)), tag("p", _(self.message))]
            if self.link:
                # The same page without its query: a person opens it on purpose, from here.
                body.append(tag("p", tag("a", _(OPEN_HERE), href=self.request.path)))
            title = _(REFUSED_TITLE)
        self.set_status(self.status)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
        self.finish(f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
                    f'<meta name="viewport" content="width=device-width">'
                    f"<title>{esc(title)}</title>"
                    "<style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:40rem;"
                    "margin:3rem auto;padding:0 1rem}</style></head>"
                    f"<body>{join(body)}</body></html>")


class GuardedApplication(tornado.web.Application):
    """Tornado's application, refusing requests before any handler (or kernel) runs."""

    served_ip = "127.0.0.1"
    extra_hosts: tuple[str, ...] = ()
    max_kernels = Settings.class_traits()["max_kernels"].default_value

    def find_handler(self, request: httputil.HTTPServerRequest,
                     **kwargs: Any) -> tornado.web._HandlerDelegate:
        headers = request.headers
        if not guard.allowed_host(request.host, self.served_ip, self.extra_hosts):
            return self._refuse(request, 403, HOST_REFUSED)
        if guard.foreign_origin(headers.get("Origin"), headers.get("Host")):
            return self._refuse(request, 403, HOST_REFUSED)
        delegate = super().find_handler(request, **kwargs)
        starts_kernel = (request.method == "GET"
                         and issubclass(delegate.handler_class, VoilaHandler))
        if guard.other_site(headers):
            navigation = guard.is_navigation(headers) and request.method == "GET"
            return self._refuse(request, 403, OTHER_SITE, link=navigation and starts_kernel)
        if starts_kernel and self.open_kernels() >= self.max_kernels:
            return self._refuse(request, 503, TOO_MANY)
        return delegate

    def open_kernels(self) -> int:
        return len(self.settings["kernel_manager"].list_kernel_ids())

    def _refuse(self, request: httputil.HTTPServerRequest, status: int, message: str,
                link: bool = False) -> tornado.web._HandlerDelegate:
        return self.get_handler_delegate(request, RefusalHandler,
                                         {"status": status, "message": message, "link": link})


class CircleVoilaHandler(TornadoVoilaHandler):
    """Voilà's page handler, handing the page the XSRF cookie.

    Voilà's page-leave request (shut this page's kernel down) sends the ``_xsrf`` cookie back
    as a form field; without the cookie the XSRF check would refuse it (voila#1458).
    """

    async def prepare(self) -> None:  # type: ignore[override]
        await super().prepare()
        if self._finished:
            return
        _token = self.xsrf_token  # reading it sets the cookie
        query = parse_qsl(self.request.query, keep_blank_values=True)
        if any(k == "token" for k, _v in query):
            # Signed in by the address's secret (the login cookie is set on this answer):
            # go on without it, so that it stays out of the address bar, bookmarks and
            # links people copy, and never reaches the page's kernel.
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            self.redirect(self.request.path + (f"?{rest}" if rest else ""))


class CircleVoila(Voila):
    """Voilà with the app's request checks, a secret on every address, and the rule that a
    server reachable from the network needs a token of its owner's.

    127.0.0.1 is reachable by every account and program on the computer, so the app never
    serves without a secret: ``$CIRCLEKIT_TOKEN`` if set, else a fresh one at each start,
    printed in the address to open. The first visit with it gets a login cookie (HttpOnly,
    SameSite=Strict); pages, kernels and their WebSockets need one or the other.
    """

    max_kernels = Int(GuardedApplication.max_kernels, config=True,
                      help=Settings.class_traits()["max_kernels"].help)
    allowed_hosts = List(Unicode(), config=True,
                         help="Further names of this server, e.g. behind a proxy.")
    token_made = Bool(False, help="Whether the secret was made at this start (and is printed).")

    def initialize(self, argv: Any = None) -> None:
        super().initialize(argv)
        quieten(self.log)
        # From the environment, never the command line: `ps` shows command lines to anyone.
        # Removed at once so that the pages' kernels do not inherit it.
        given = os.environ.pop(TOKEN_VAR, "").strip()
        refusal = guard.network_refusal(self.ip, given or None)
        if refusal:
            self.log.critical(refusal)
            self.exit(2)
        self.token_made = not given
        self.token = given or secrets.token_urlsafe(32)

    @property
    def start_page(self) -> str | None:
        """The start page's path under the server, if the folder served has one."""
        root = self.notebook_path or self.root_dir
        has_start = not self.notebook_path and os.path.exists(os.path.join(root, START_PAGE))
        return f"voila/render/{START_PAGE}" if has_start else None

    @property
    def display_url(self) -> str:
        """The address Voila prints when it starts: the start page, with the secret made at
        this start (a token its owner set is not printed)."""
        base = super().display_url.partition("?")[0]
        if self.start_page:
            base = base.rstrip("/") + "/" + self.start_page
        return f"{base}?token={self.token if self.token_made else '…'}"

    def init_handlers(self) -> list[Any]:
        handlers = [(h[0], CircleVoilaHandler, *h[2:]) if h[1] is TornadoVoilaHandler else h
                    for h in super().init_handlers()]
        if self.start_page:
            # The bare address opens the start page instead of a list of notebook files (the
            # list stays at /voila/tree). The query (a token) goes along.
            root = url_path_join(self.server_url, "/")
            handlers = [(root, tornado.web.RedirectHandler,
                         {"url": url_path_join(self.server_url, self.start_page),
                          "permanent": False}),
                        *(h for h in handlers if h[0] not in (root, self.server_url))]
        return handlers

    def start(self) -> None:
        # Voilà's start, with the guarded application in place of tornado's.
        import tempfile

        self.connection_dir = tempfile.mkdtemp(prefix="voila_", dir=self.connection_dir_root)
        app = GuardedApplication(**self.init_settings())
        # The login cookie is never sent with a request another site's page makes.
        self.identity_provider.cookie_options = {
            **self.identity_provider.cookie_options, "samesite": "Strict", "httponly": True}
        app.settings.update(self.tornado_settings)
        app.served_ip = self.ip
        app.extra_hosts = tuple(self.allowed_hosts)
        app.max_kernels = self.max_kernels
        app.add_handlers(".*$", self.init_handlers())
        self.app = app
        # Automatic backups (circlekit.server.backups), checked on the loop listen() runs.
        from .backups import BackupSchedule

        self.backups = BackupSchedule()
        self.backups.start()
        self.listen()


main = CircleVoila.launch_instance

if __name__ == "__main__":
    main()
