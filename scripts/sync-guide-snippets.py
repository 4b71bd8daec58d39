#!/usr/bin/env python3
"""Refreshes the ```java blocks of the user guide (docs/*.md) from the tagged regions of the code.

A block preceded by `<!-- snippet: NAME -->` gets the text between `// tag::NAME[]` and `// end::NAME[]`
in docs/src/test/java or examples/src/main/java, with the common indentation removed. To add a snippet:
put the code in a test in docs/src/test/java between the two tag comments, write the marker and an empty
```java block in the page, and run this script. docs' UserGuideTest fails the build if a page and the code
differ, so this script is a convenience, never a requirement.
"""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
tag = re.compile(r"^\s*// tag::([A-Za-z0-9_-]+)\[\]\s*$")
end = re.compile(r"^\s*// end::([A-Za-z0-9_-]+)\[\]\s*$")
marker = re.compile(r"^<!-- snippet: ([A-Za-z0-9_-]+) -->$")


def dedent(body):
    ind = min((len(l) - len(l.lstrip()) for l in body if l.strip()), default=0)
    return "".join(("" if not l.strip() else l[ind:].rstrip()) + "\n" for l in body)


regions = {}
for base in (root / "docs/src/test/java", root / "examples/src/main/java"):
    for f in sorted(base.rglob("*.java")):
        lines = f.read_text(encoding="utf-8").split("\n")
        i = 0
        while i < len(lines):
            m = tag.match(lines[i])
            if m:
                j = i + 1
                while not end.match(lines[j]):
                    j += 1
                regions[m.group(1)] = dedent(lines[i + 1:j])
                i = j
            i += 1

missing = 0
for page in sorted((root / "docs").glob("*.md")) + [root / "README.md"]:
    lines = page.read_text(encoding="utf-8").split("\n")
    out, i = [], 0
    while i < len(lines):
        out.append(lines[i])
        m = marker.match(lines[i].strip())
        if m and i + 1 < len(lines) and lines[i + 1].strip().startswith("```java"):
            name = m.group(1)
            out.append(lines[i + 1])
            j = i + 2
            while lines[j].strip() != "```":
                j += 1
            if name in regions:
                out.extend(regions[name].rstrip("\n").split("\n"))
            else:
                print(f"{page.name}: no region {name}", file=sys.stderr)
                missing += 1
                out.extend(lines[i + 2:j])
            out.append(lines[j])
            i = j
        i += 1
    page.write_text("\n".join(out), encoding="utf-8")
sys.exit(1 if missing else 0)
