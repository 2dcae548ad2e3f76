"""The organisation's hub answers only to its own names (DNS rebinding).

A page of another website can point a name it controls at the hub's address; the browser then
treats the hub as that site. Refusing every ``Host`` that is not one of the hub's names stops
that before any handler (a login, a sign-up, an approval) runs. Used by the hub itself
(``deploy/jupyterhub/jupyterhub_config.py``) and by each facilitator's server behind it
(``circlekit.server.hub``); the laptop's server has its own, fuller checks
(``circlekit.server.voila``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import tornado.web
from tornado import httputil

from ..settings import Settings
from .guard import allowed_host


def hub_hosts(settings: Settings) -> tuple[str, tuple[str, ...]]:
    """The hub's address (``hub_url``'s host) and the further names in ``hub_hosts``."""
    extra = (name.strip() for name in settings.hub_hosts.split(","))
    return urlsplit(settings.hub_url).hostname or "127.0.0.1", tuple(filter(None, extra))


def refuse_other_hosts(app: tornado.web.Application, served: str,
                       extra: Iterable[str] = ()) -> None:
    """Make ``app`` answer 403, running no handler, to a request whose ``Host`` is not
    ``served``, one of ``extra`` or a loopback name (on a wildcard address: any IP literal,
    as ``guard.allowed_host`` says)."""
    extra = tuple(extra)
    find = app.find_handler

    def find_handler(request: httputil.HTTPServerRequest,
                     **kwargs: Any) -> tornado.web._HandlerDelegate:
        if not allowed_host(request.host, served, extra):
            return app.get_handler_delegate(request, tornado.web.ErrorHandler,
                                            {"status_code": 403})
        return find(request, **kwargs)

    # The instance's own method, wrapped: the hub and Jupyter Server build their applications
    # themselves, so there is no class to substitute.
    app.find_handler = find_handler  # type: ignore[method-assign]


__all__ = ["hub_hosts", "refuse_other_hosts"]
