"""Which requests the app's server answers: pure checks on a request's headers.

A page of another website can make the browser send requests to 127.0.0.1, and with DNS
rebinding a name it controls can even point there. These checks refuse what such a page
could send: a ``Host`` that is not one of the app's addresses, an ``Origin`` that is not the
app's own, and anything the browser marks as coming from another site (``Sec-Fetch-Site``).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from ..settings import TOKEN_VAR

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARDS = frozenset({"", "0.0.0.0", "::"})  # noqa: S104 - names, nothing is bound here
# A token must be long enough that nobody on the network can guess it.
MIN_TOKEN = 16
# Pages of the same origin, a typed address or a bookmark ("none"), or a client that sends
# no fetch metadata (scripts, older browsers: they cannot be driven by a web page).
OWN_FETCH_SITES = frozenset({"", "none", "same-origin"})


def host_name(host: str) -> str:
    """The name in a ``Host`` header, without port or IPv6 brackets, lower case."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    if host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def is_loopback(name: str) -> bool:
    name = host_name(name)
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def allowed_host(host: str | None, served: str, extra: Iterable[str] = ()) -> bool:
    """Whether ``host`` (a request's Host header) names the address the app serves on.

    Loopback names always; the served address; on a wildcard address any IP literal (DNS
    rebinding needs a name) and the names in ``extra``. Any other name is refused.
    """
    if not host:
        return False
    name = host_name(host)
    if is_loopback(name) or name == host_name(served):
        return True
    if served.strip() in WILDCARDS and _is_ip(name):
        return True
    return name in {host_name(e) for e in extra}


def foreign_origin(origin: str | None, host: str | None) -> bool:
    """Whether an ``Origin`` header names another origin than the one at ``host``."""
    if origin is None:
        return False
    parts = urlsplit(origin.strip().lower())
    return parts.scheme not in ("http", "https") or parts.netloc != (host or "").lower()


def other_site(headers: Mapping[str, str]) -> bool:
    """Whether the browser says the request comes from a page of another origin.

    ``same-site`` is refused too: another port on this computer is another program.
    """
    return headers.get("Sec-Fetch-Site", "").strip().lower() not in OWN_FETCH_SITES


def is_navigation(headers: Mapping[str, str]) -> bool:
    return headers.get("Sec-Fetch-Mode", "").lower() == "navigate"


def network_refusal(host: str, token: str | None) -> str | None:
    """Why the app must not serve on ``host`` with ``token``, or None if it may.

    Off this computer, anyone on the network could open the circles without a token.
    """
    if is_loopback(host):
        return None
    if token is None or len("".join(token.split())) < MIN_TOKEN:  # spaces not counted
        return (f"Refusing to serve on {host} without a token of at least {MIN_TOKEN} "
                "characters: anyone on the network could open the circles. Set one first, "
                f"e.g.:  {TOKEN_VAR}=$(python3 -c 'import secrets; "
                f"print(secrets.token_urlsafe(24))') HOST={host} make app")
    return None


__all__ = [
    "LOOPBACK_NAMES",
    "MIN_TOKEN",
    "TOKEN_VAR",
    "allowed_host",
    "foreign_origin",
    "host_name",
    "is_loopback",
    "is_navigation",
    "network_refusal",
    "other_site",
]
