#!/usr/bin/env python3
"""Builds the picture gallery of the user guide (docs/gallery.md and docs/gallery/) from the examples' own output.

Run from anywhere, after `mvn -B -ntp -q package -DskipTests`:

    python3 scripts/gallery.py              # each example as listed below (about 5 min on 2 quiet cores)
    python3 scripts/gallery.py --quick      # every example with --quick (under a minute; smaller runs)
    python3 scripts/gallery.py dense-stdp   # redraw only the named examples; the page lists them all

For every picture-writing example it runs `java -jar examples/target/snn4j-examples.jar NAME ARGS --out
docs/gallery/NAME`, keeps the PNG files it wrote (at most MAX_PER_EXAMPLE, spread over the files' name prefixes),
records the command in docs/gallery/NAME/COMMAND and writes docs/gallery.md: one section per example with the
exact command and its pictures. Set JAVA to choose the JVM.
"""
import os
import pathlib
import shutil
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
jar = root / "examples" / "target" / "snn4j-examples.jar"
out = root / "docs" / "gallery"
page = root / "docs" / "gallery.md"
MAX_PER_EXAMPLE = 6

# name, arguments of the full gallery run, what the pictures show
EXAMPLES = [
    ("mozafari2019", ["--train-limit", "4000", "--test-limit", "1000", "--epochs3", "10"],
     "Mozafari et al. 2019: conv1 and conv2 features reconstructed through the DoG bank and pooling, test accuracy "
     "per R-STDP epoch, confusion matrix (a shortened run: 4,000 training digits, 10 R-STDP epochs)"),
    ("diehl-cook-2015", ["--neurons", "100", "--epochs", "1"],
     "Diehl & Cook 2015: receptive fields of the excitatory neurons and the confusion matrix (100 neurons, 1 epoch)"),
    ("poisson-encoding", [], "a digit and its Poisson spike raster"),
    ("dog-rank-order", [], "the digit, its six DoG responses, the rank-order latency of each input and the raster"),
    ("dense-stdp", [], "weights learned by trace STDP with winner-take-all, and a membrane trace"),
    ("conv-stdp-kwta", [], "convolution kernels before and after binary STDP, one row per feature map"),
    ("rstdp-readout", [], "a readout trained by R-STDP: accuracy per epoch and confusion matrix"),
    ("aer-stream", [], "event-camera frames of the shipped N-MNIST and AEDAT 4.0 samples (ON green, OFF red)"),
    ("vision-demo", ["--headless"], "the event-driven vision demo after training: receptive fields and thresholds"),
]


def pick(pngs, name):
    """At most MAX_PER_EXAMPLE pictures, taken in turn from each name prefix (aer-stream: both recordings)."""
    if name == "vision-demo":
        dash = [p for p in pngs if p.name.startswith("dashboard-")]
        pngs = [p for p in pngs if not p.name.startswith("dashboard-")] + dash[-1:]
    groups = {}
    for p in pngs:
        groups.setdefault(p.name.rstrip(".png").rstrip("0123456789_-"), []).append(p)
    keep = []
    while len(keep) < MAX_PER_EXAMPLE and any(groups.values()):
        for g in groups.values():
            if g and len(keep) < MAX_PER_EXAMPLE:
                keep.append(g.pop(0))
    return sorted(keep)


def main(argv):
    quick = "--quick" in argv
    only = [a for a in argv if not a.startswith("--")]
    unknown = [a for a in only if a not in [e[0] for e in EXAMPLES]]
    if unknown:
        sys.exit(f"gallery.py: unknown example(s) {unknown}; known: {[e[0] for e in EXAMPLES]}")
    java = os.environ.get("JAVA", "java")
    if not jar.is_file():
        sys.exit(f"gallery.py: {jar} not found; run `mvn -B -ntp -q package -DskipTests` first")
    lines = ["# Gallery", "",
             "Pictures written by the examples themselves, made by `python3 scripts/gallery.py` (each section gives "
             "the command that drew its pictures; `--out` puts them elsewhere). Regenerate after changing an example "
             "or the `plot` module.", ""]
    for name, args, what in EXAMPLES:
        target = out / name
        if not only or name in only:
            run_args = ["--quick"] if quick else args
            if target.exists():
                shutil.rmtree(target)
            cmd = [java, "-jar", str(jar), name, *run_args, "--out", str(target)]
            print("gallery:", " ".join(cmd[1:]), flush=True)
            r = subprocess.run(cmd, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if r.returncode != 0:
                sys.exit(f"gallery.py: {name} failed with exit code {r.returncode}: {r.stderr.strip()}")
            keep = pick(sorted(target.glob("*.png")), name)
            for p in target.iterdir():
                if p not in keep:
                    p.unlink()
            (target / "COMMAND").write_text(" ".join(["java -jar examples/target/snn4j-examples.jar", name, *run_args])
                                            + "\n", encoding="utf-8")
        if not (target / "COMMAND").is_file():
            continue
        lines += [f"## {name}", "", what + ".", "", "```", (target / "COMMAND").read_text(encoding="utf-8").strip(),
                  "```", ""]
        for p in sorted(target.glob("*.png")):
            lines += [f"![{name}: {p.name}](gallery/{name}/{p.name})", ""]
    page.write_text("\n".join(lines), encoding="utf-8")
    print(f"gallery: wrote {page.relative_to(root)} and {sum(1 for _ in out.rglob('*.png'))} pictures")


if __name__ == "__main__":
    main(sys.argv[1:])
