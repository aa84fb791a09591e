"""Verifying fastscim's webhook signatures (Python standard library only).

fastscim POSTs each batch of events with the header

    Fastscim-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">

keyed with the endpoint's signing secret (printed by
`fastscim-admin webhook add`).  A receiver recomputes the HMAC over the raw
body it received, compares in constant time, and rejects a t too far from
its own clock, so a captured delivery cannot be replayed later.

    from fastscim_webhook import verify_signature
    if not verify_signature(secret, headers["Fastscim-Signature"], raw_body):
        return 400
"""

import hashlib
import hmac
import time

SIGNATURE_HEADER = "Fastscim-Signature"
DEFAULT_TOLERANCE = 300  # seconds


def sign(secret, timestamp, body):
    """The header value fastscim sends for `body` (bytes) at `timestamp`."""
    mac = hmac.new(secret.encode("utf-8"), str(timestamp).encode("ascii") + b"." + body, hashlib.sha256)
    return "t=%d,v1=%s" % (timestamp, mac.hexdigest())


def verify_signature(secret, header, body, now=None, tolerance=DEFAULT_TOLERANCE):
    """True when `header` signs `body` (bytes, as received) with `secret` and
    its timestamp lies within `tolerance` seconds of `now` (default: the
    clock).  False for anything else: a missing or malformed header, another
    secret, a changed body, an old or future timestamp."""
    if not header or not secret:
        return False
    fields = {}
    for part in header.split(","):
        key, sep, value = part.strip().partition("=")
        if sep and key not in fields:
            fields[key] = value
    timestamp, received = fields.get("t", ""), fields.get("v1", "")
    if not timestamp.isdigit() or not received:
        return False
    now = int(time.time()) if now is None else now
    if abs(now - int(timestamp)) > tolerance:
        return False
    expected = sign(secret, int(timestamp), body).split("v1=", 1)[1]
    return hmac.compare_digest(expected, received)
