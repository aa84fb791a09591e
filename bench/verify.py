#!/usr/bin/env python3
"""bench/verify.py — checks loaded data through the API, so the bulk loader
(bench/load.cc) cannot drift from the store's format unnoticed.

For each sampled user index it asks fastscimd, over HTTPS, for the user by
userName, by externalId and by emails[type eq "work"].value, and requires
exactly one hit with the expected id whose document (without id, meta and
groups) equals the one the loader generated.  For groups it finds each
membership group and a few named groups by displayName, checks a member and
a non-member through members.value, and counts the small group's members.

usage: verify.py --url URL --token TOKEN --cafile PEM --loader BIN
                 --users N --indices I,J,... --member-sizes 10,100000 --named G
Prints one line per failure and exits 1 if there was any.
"""
import argparse
import json
import ssl
import subprocess
import sys
import urllib.parse
import urllib.request


def main():
    p = argparse.ArgumentParser()
    for name in ("--url", "--token", "--cafile", "--loader", "--users", "--indices"):
        p.add_argument(name, required=True)
    p.add_argument("--member-sizes", default="")
    p.add_argument("--named", type=int, default=0)
    a = p.parse_args()
    context = ssl.create_default_context(cafile=a.cafile)
    failures = []

    def get(path):
        request = urllib.request.Request(a.url + path, headers={"Authorization": "Bearer " + a.token})
        try:
            with urllib.request.urlopen(request, context=context, timeout=30) as r:
                return r.status, json.load(r)
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(errors="replace")

    def search(endpoint, expr, extra=""):
        return get("/%s?filter=%s%s" % (endpoint, urllib.parse.quote_plus(expr), extra))

    def loader(*args):
        return subprocess.run([a.loader, *args], check=True, capture_output=True, text=True).stdout.strip()

    def one_hit(what, status, body, expected_id):
        if status != 200 or not isinstance(body, dict):
            failures.append("%s: HTTP %s %s" % (what, status, str(body)[:300]))
            return None
        if body.get("totalResults") != 1 or len(body.get("Resources", [])) != 1:
            failures.append("%s: totalResults %s, expected 1" % (what, body.get("totalResults")))
            return None
        resource = body["Resources"][0]
        if resource.get("id") != expected_id:
            failures.append("%s: id %s, expected %s" % (what, resource.get("id"), expected_id))
        return resource

    for index in [int(i) for i in a.indices.split(",") if i]:
        expect = json.loads(loader("expect", "--index", str(index)))
        for attribute, value in (("userName", expect["userName"]), ("externalId", expect["externalId"]),
                                 ('emails[type eq "work"].value', expect["email"])):
            what = 'user %d by %s eq "%s"' % (index, attribute, value)
            status, body = search("Users", '%s eq "%s"' % (attribute, value))
            resource = one_hit(what, status, body, expect["id"])
            if resource is not None and attribute == "userName":
                document = {k: v for k, v in resource.items() if k not in ("id", "meta", "groups")}
                if document != expect["document"]:
                    failures.append("%s: document differs from the loader's\n  api:    %s\n  loader: %s" %
                                    (what, json.dumps(document, sort_keys=True),
                                     json.dumps(expect["document"], sort_keys=True)))

    users = int(a.users)
    sizes = [int(s) for s in a.member_sizes.split(",") if s]
    for m, size in enumerate(sizes):
        group_id = loader("id", "--from", "1", "--index", str(m))
        name = "bench-members-%d" % size
        status, body = search("Groups", 'displayName eq "%s"' % name, "&excludedAttributes=members")
        if one_hit("group %s" % name, status, body, group_id) is not None and "members" in body["Resources"][0]:
            failures.append("group %s: excludedAttributes=members still returned members" % name)
        stride = users // size
        for k in (0, size - 1):
            member = loader("id", "--from", "0", "--index", str(k * stride))
            status, body = search("Groups", 'displayName eq "%s" and members.value eq "%s"' % (name, member),
                                  "&excludedAttributes=members")
            one_hit("group %s has member %d" % (name, k * stride), status, body, group_id)
            outsider = loader("id", "--from", "0", "--index", str(k * stride + 1))
            status, body = search("Groups", 'displayName eq "%s" and members.value eq "%s"' % (name, outsider),
                                  "&excludedAttributes=members")
            if status != 200 or not isinstance(body, dict) or body.get("totalResults") != 0:
                failures.append("group %s: user %d should not be a member (HTTP %s, %s)" %
                                (name, k * stride + 1, status, str(body)[:200]))
        if size <= 1000:
            status, body = get("/Groups/" + group_id)
            count = len(body.get("members", [])) if isinstance(body, dict) else None
            if status != 200 or count != size:
                failures.append("group %s: GET by id gave HTTP %s with %s members, expected %d" %
                                (name, status, count, size))
    for g in sorted({0, a.named // 2, a.named - 1}) if a.named > 0 else []:
        group_id = loader("id", "--from", "2", "--index", str(g))
        status, body = search("Groups", 'displayName eq "bench-group-%d"' % g, "&excludedAttributes=members")
        one_hit("group bench-group-%d" % g, status, body, group_id)

    for f in failures:
        print("verify: " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
