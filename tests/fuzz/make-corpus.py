#!/usr/bin/env python3
"""Builds the seed corpora of tests/fuzz/corpus/ from the golden cases.

Usage: tests/fuzz/make-corpus.py   (from anywhere; rewrites the seeds it makes)

  filter     every filter of tests/cases/filter (valid, canonical and invalid)
             and every value filter of a PATCH path in tests/cases/patch
  patch      every PATCH request body of tests/cases/patch and each path in it
  validator  every stored resource and expected result of tests/cases/patch
  schema     the example extensions (examples/schemas), the built-in schemas
             (src/scim/core_schemas.cc) and the schemas the unit tests load

Seed files are named after their case and never removed here; inputs that
found a problem are added by hand as regression-<what>, next to them.
"""

import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))
CASES = os.path.join(SRC, "tests", "cases")


def write(target, name, data):
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def main():
    filter_dir = os.path.join(CASES, "filter")
    for kind in ("valid", "invalid"):
        for entry in sorted(os.listdir(os.path.join(filter_dir, kind))):
            if not entry.endswith(".txt"):
                continue
            with open(os.path.join(filter_dir, kind, entry), encoding="utf-8") as f:
                lines = f.read().split("\n")
            stem = entry[:-4]
            write("filter", "%s-%s" % (kind, stem), lines[0])
            if kind == "valid" and len(lines) > 1 and lines[1]:
                write("filter", "%s-%s-canonical" % (kind, stem), lines[1])

    patch_dir = os.path.join(CASES, "patch")
    for case in sorted(os.listdir(patch_dir)):
        folder = os.path.join(patch_dir, case)
        if not os.path.isdir(folder):
            continue
        for name in ("request.json", "resource.json", "expected.json"):
            path = os.path.join(folder, name)
            if not os.path.exists(path):
                continue
            with open(path, "rb") as f:
                data = f.read()
            if name == "request.json":
                write("patch", case, data)
                try:
                    operations = json.loads(data).get("Operations", [])
                except (ValueError, AttributeError):
                    operations = []
                for i, op in enumerate(operations if isinstance(operations, list) else []):
                    target = op.get("path") if isinstance(op, dict) else None
                    if isinstance(target, str):
                        write("patch", "%s-path%d" % (case, i), target)
                        inner = re.search(r"\[(.*)\]", target)
                        if inner:
                            write("filter", "patch-%s-%d" % (case, i), inner.group(1))
            else:
                write("validator", "%s-%s" % (case, name[:-5]), data)
            write("json", "%s-%s" % (case, name[:-5]), data)

    for entry in sorted(os.listdir(os.path.join(SRC, "examples", "schemas"))):
        with open(os.path.join(SRC, "examples", "schemas", entry), "rb") as f:
            write("schema", "example-" + entry[:-5], f.read())
    with open(os.path.join(SRC, "src", "scim", "core_schemas.cc"), encoding="utf-8") as f:
        core = f.read()
    for name, body in re.findall(r'constexpr std::string_view k(\w+)Json = R"json\((.*?)\)json"', core, re.S):
        write("schema", "core-" + name, body.strip() + "\n")
    for test in ("extension_schema_test.cc", "validator_fixture.h", "schema_test.cc"):
        with open(os.path.join(SRC, "tests", "unit", "scim", test), encoding="utf-8") as f:
            text = f.read()
        for i, body in enumerate(re.findall(r'R"\((\{.*?\})\)"', text, re.S)):
            if '"attributes"' in body:
                write("schema", "unit-%s-%d" % (test.split(".")[0], i), body + "\n")


if __name__ == "__main__":
    main()
