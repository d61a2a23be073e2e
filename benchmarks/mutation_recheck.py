"""Run surviving mutants again against tests written after the ``mutmut run`` that found
them, and record which the new tests kill (README, "Mutation testing").

mutmut 3 chooses the tests for a mutant from the coverage it recorded when the run
began, so a test file written afterwards is never run against the old survivors. This
runs each named mutant the way mutmut does (``MUTANT_UNDER_TEST`` set, inside
``./mutants``), against the given test files only, and writes the outcome to
``mutants/rechecked.json``; ``mutation_score.py`` counts a mutant killed there as killed.
A kill by a subset of the fast tests is a kill by all of them.

    python benchmarks/mutation_recheck.py kcdiff.figures.facts.x__days__mutmut_3 ... \
        --tests tests/test_mut_figures_facts.py
    python benchmarks/mutation_recheck.py --tests FILE... --survivors-of kcdiff.figures.facts

Run from the checkout that holds ``./mutants``; the test files (from any checkout of the
same commit) are copied into its ``tests/`` first.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from mutation_score import survivors

RECHECKED = Path("mutants") / "rechecked.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", nargs="+", required=True, help="test files to run")
    parser.add_argument("--survivors-of", nargs="+", default=[], metavar="PREFIX",
                        help="every surviving mutant whose name starts with a PREFIX")
    parser.add_argument("mutants", nargs="*", help="mutant names")
    args = parser.parse_args()
    names = list(args.mutants)
    names += [name for name in survivors() if name.startswith(tuple(args.survivors_of))
              ] if args.survivors_of else []
    tests = []
    for test in map(Path, args.tests):  # a test written since, perhaps in another checkout
        tests.append(f"tests/{test.name}")
        shutil.copyfile(test, Path("mutants") / tests[-1])
    recorded = json.loads(RECHECKED.read_text()) if RECHECKED.exists() else {}
    for name in names:
        recorded[name] = "killed" if _killed(name, tests) else "survived"
        print(f"{recorded[name]:8} {name}", flush=True)
    RECHECKED.write_text(json.dumps(recorded, indent=1, sort_keys=True))
    return 0


def _killed(name: str, tests: list[str]) -> bool:
    environment = {**os.environ, "MUTANT_UNDER_TEST": name}
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    try:
        run = subprocess.run(command, cwd="mutants", env=environment, capture_output=True,
                             timeout=600, check=False)
    except subprocess.TimeoutExpired:
        return True  # as mutmut counts a timeout
    return run.returncode not in (0, 5)  # 5: no test ran (a wrong file name), not a kill


if __name__ == "__main__":
    sys.exit(main())
