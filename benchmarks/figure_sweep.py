"""Every MANIFEST pair through ``compare_files``: time, figure claims by status, and the
consistency findings by severity, per pair and in total.

    python benchmarks/figure_sweep.py [--corpus ../shared/corpus] [--json OUT] [--only TEXT]

Run it before and after a change to the figures stage and compare the totals: the
``error`` findings and restated claims are the ones a reader acts on, so any increase
there needs a reason. Pairs whose files cannot be read are listed as such.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kcdiff.compare import compare_files  # noqa: E402
from kcdiff.errors import KcdiffError  # noqa: E402


def sweep_pair(corpus: Path, pair: dict) -> dict:
    started = time.perf_counter()
    try:
        report = compare_files(corpus / pair["old"], corpus / pair["new"])
    except KcdiffError as exc:
        return {"old": pair["old"], "new": pair["new"], "refused": str(exc)}
    seconds = time.perf_counter() - started
    statuses = Counter(figure.status for figure in report.figures)
    severities = Counter(check.severity for check in report.checks)
    errors = [f"{check.filing}: {check.kind}: {check.where}: {check.message[:160]}"
              for check in report.checks if check.severity == "error"]
    not_compared = sum(1 for check in report.checks if check.kind == "figures_not_compared")
    return {
        "old": pair["old"], "new": pair["new"], "seconds": round(seconds, 2),
        "figures": dict(statuses), "checks": dict(severities), "errors": errors,
        "not_compared": not_compared,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--json", type=Path, help="write the per-pair results here")
    parser.add_argument("--only", default="", help="only pairs whose paths contain this")
    args = parser.parse_args(argv)
    manifest = json.loads((args.corpus / "MANIFEST.json").read_text(encoding="utf-8"))
    results = []
    for pair in manifest["pairs"]:
        if args.only and args.only not in pair["old"] + pair["new"]:
            continue
        result = sweep_pair(args.corpus, pair)
        results.append(result)
        print(f"{result.get('seconds', '-'):>6} {json.dumps(result.get('figures', {}))} "
              f"errors={len(result.get('errors', []))} {pair['old']} -> {pair['new']}",
              flush=True)
    totals: Counter = Counter()
    for result in results:
        totals.update({f"figures_{k}": v for k, v in result.get("figures", {}).items()})
        totals.update({f"checks_{k}": v for k, v in result.get("checks", {}).items()})
        totals["not_compared"] += result.get("not_compared", 0)
    print("totals:", json.dumps(dict(sorted(totals.items()))))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
