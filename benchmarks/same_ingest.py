"""Does a change to PDF reading keep what kcdiff.ingest produces for every corpus PDF?

Reads every PDF of the corpus MANIFEST with an older checkout (OLD_CHECKOUT, e.g. made with
`git -C /work/main archive HEAD | tar -x -C /tmp/old-pdf`) and with this one, each in its
own process, and compares the whole Filing (blocks with their headings and table rows,
warnings, page count; or the error). Prints `same` or `DIFFERENT` for each file and, for a
difference, the first block that differs. Exit status 1 when any file differs.

Run: python benchmarks/same_ingest.py OLD_CHECKOUT [--match TEXT] [--keep DIR]
(--keep DIR keeps both sides' JSON there, and reuses the old side's on the next run.)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
DUMP = """
import dataclasses, json, sys
from pathlib import Path
from kcdiff.ingest import read_filing
out = Path(sys.argv[1])
for name in sys.argv[2:]:
    try:
        filing = dataclasses.asdict(read_filing(name))
        filing.pop("path")
    except Exception as exc:
        filing = {"error": f"{type(exc).__name__}: {exc}"}
    (out / (Path(name).name + ".json")).write_text(json.dumps(filing, ensure_ascii=False))
"""


def dump(checkout: Path, files: list[Path], out: Path) -> None:
    """Write each file's Filing as read by the kcdiff in ``checkout`` to ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    todo = [str(path) for path in files if not (out / (path.name + ".json")).is_file()]
    if todo:
        # Run in the checkout: ``python -c`` puts the working folder first on the path,
        # before PYTHONPATH, so from this project's root both sides were this checkout.
        environment = {**os.environ, "PYTHONPATH": str(checkout)}
        subprocess.run([sys.executable, "-c", DUMP, str(out), *todo], env=environment,
                       cwd=checkout, check=True)


def first_difference(old: dict, new: dict) -> str:
    if "error" in old or "error" in new:
        return f"old: {old.get('error', 'read')}; new: {new.get('error', 'read')}"
    for key in ("pages", "warnings", "format"):
        if old.get(key) != new.get(key):
            return f"{key}: {old.get(key)!r} -> {new.get(key)!r}"
    blocks = zip(old["blocks"], new["blocks"], strict=False)
    for index, (before, after) in enumerate(blocks):
        if before != after:
            return f"block {index}: {json.dumps(before, ensure_ascii=False)[:300]}\n" \
                   f"      now: {json.dumps(after, ensure_ascii=False)[:300]}"
    return f"block count {len(old['blocks'])} -> {len(new['blocks'])}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old_checkout", type=Path)
    parser.add_argument("--match", default="", help="only files whose path contains this")
    parser.add_argument("--keep", type=Path, help="keep the JSON here; reuse the old side's")
    args = parser.parse_args()
    manifest = json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    files = [CORPUS / entry["file"] for entry in manifest["files"]
             if entry["format"] == "pdf" and args.match in entry["file"]]
    with tempfile.TemporaryDirectory() as folder:
        keep = args.keep or Path(folder)
        dump(args.old_checkout.resolve(), files, keep / "old")
        new_side = keep / "new"
        for stale in new_side.glob("*.json"):
            stale.unlink()  # this checkout changes between runs: always read it afresh
        dump(ROOT, files, new_side)
        differing = 0
        for path in files:
            name = path.name + ".json"
            old = json.loads((keep / "old" / name).read_text(encoding="utf-8"))
            new = json.loads((new_side / name).read_text(encoding="utf-8"))
            differing += old != new
            print(f"{'same' if old == new else 'DIFFERENT':<9} {path.relative_to(CORPUS)}")
            if old != new:
                print("  " + first_difference(old, new))
    print(f"{len(files)} PDFs, {differing} different")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
