"""The client's IP address, as the lockout and the "your devices" page see it.

Behind a reverse proxy every request comes from the proxy's address, and a lockout keyed on it
would let an attacker lock the owner out. `FELTSAFE_PROXY_COUNT` (default 0: no proxy) says how
many trusted proxies append to `X-Forwarded-For`; the address that the outermost one saw is used.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    proxies = int(getattr(settings, "FELTSAFE_PROXY_COUNT", 0))
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return str(forwarded[-proxies])
    remote = request.META.get("REMOTE_ADDR")
    return str(remote) if remote else None
