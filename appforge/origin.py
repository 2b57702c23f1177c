"""The origin of a URL as it goes into a Content-Security-Policy: parsed, then written again.

Text from a spec or an ``--env`` value is never pasted into the policy. A URL's origin is
rebuilt from its parts as ``scheme://host[:port]`` (the scheme lower-case, http or https; the
host lower-case ASCII, a Unicode name in its punycode form, an IPv6 address compressed; the port
left out when it is the scheme's default). Anything that cannot be in an origin (a ``;``, a
space, a quote, a comma, a control character, a user name, a percent escape) makes the URL
refused with a reason, so the checker reports it at its place. The checker and the web target
both call :func:`origin`: what the checker accepted is exactly what the policy says.
"""

from __future__ import annotations

import ipaddress
import re

DEFAULT_PORTS = {"http": 80, "https": 443}
# scheme "://" authority, the authority ending where the path, query or fragment starts. A
# backslash also ends it (browsers read it as "/" in http URLs); it is refused below.
_START = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)")
# RFC 1035 labels, as CSP's host-source grammar allows them (letters, digits, "-").
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
_PORT = re.compile(r"[0-9]{1,5}")


class OriginError(ValueError):
    """Why a URL has no origin that may go into a policy (a sentence for the user)."""


def origin(url: str, schemes: tuple[str, ...] = ("http", "https")) -> str:
    """``scheme://host[:port]`` of an absolute URL, or OriginError saying what is wrong."""
    match = _START.match(url)
    if match is None:
        raise OriginError("this is not an absolute URL (scheme://host/...)")
    scheme, authority = match.group(1).lower(), match.group(2)
    if scheme not in schemes:
        raise OriginError(f"the URL must use {' or '.join(schemes)}, not '{scheme}:'")
    if "@" in authority:
        raise OriginError("a URL may not hold a user name or password (the part before '@'); "
                          "send credentials in a header")
    if authority.startswith("["):
        host, port = _ipv6(authority)
    else:
        name, sep, port = authority.partition(":")
        if sep and not port:
            raise OriginError(f"the port after '{name}:' is missing")
        host = _host_name(name)
    if port:
        if not _PORT.fullmatch(port) or not 0 < int(port) < 65536:
            raise OriginError(f"'{_shown(port)}' is not a port number (1 to 65535)")
        port = "" if int(port) == DEFAULT_PORTS.get(scheme) else str(int(port))
    return f"{scheme}://{host}" + (f":{port}" if port else "")


def _host_name(name: str) -> str:
    if not name:
        raise OriginError("the URL has no host name")
    if not name.isascii() and name.isprintable() and not any(c.isspace() for c in name):
        try:
            name = name.encode("idna").decode("ascii")  # bücher.example -> xn--bcher-kva...
        except UnicodeError:
            raise OriginError(f"'{_shown(name)}' is not a valid host name") from None
    host = name.lower()
    if not _HOST.fullmatch(host) or len(host) > 253:
        raise OriginError(f"'{_shown(name)}' is not a valid host name: only letters, digits, "
                          "'-' and '.' may be in a host name (no spaces, ';', quotes or commas)")
    return host


def _ipv6(authority: str) -> tuple[str, str]:
    end = authority.find("]")
    literal, rest = authority[1:end], authority[end + 1:]
    if end < 0 or (rest and not rest.startswith(":")):
        raise OriginError(f"'{_shown(authority)}' is not a valid IPv6 host ([address]:port)")
    try:
        address = ipaddress.IPv6Address(literal)
    except ValueError:
        raise OriginError(f"'{_shown(literal)}' is not an IPv6 address") from None
    if address.scope_id is not None:
        raise OriginError("an IPv6 zone (%...) cannot be in a URL's origin")
    port = rest[1:]
    if rest == ":":
        raise OriginError("the port after ':' is missing")
    return f"[{address.compressed}]", port


def _shown(text: str) -> str:
    """Text for a message: control characters visible, long text cut."""
    shown = text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text
    return shown if len(shown) <= 60 else shown[:57] + "..."
