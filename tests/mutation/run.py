"""`make mutate`: mutation testing of the modules that hold the rules users rely on, one pytest session per module
(see plugin.py), and a table of the scores.

    MUTATE_MODULES="core/querysets.py codebook/models.py"   which modules (default: all of MODULES, in order)
    MUTATE_TESTS="tests/test_x.py -k y"                      override the module's test selection (one module)

Each module's mutants are in mutants/<module>.json (outcome and diff of each); survivors are listed after the
table. Score = killed (or timed out) / mutants; a mutant that no selected test reaches counts as surviving.
"""

import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# module: its fast test selection (tests that exercise its rules through the public surface)
MODULES = {
    "core/querysets.py": "tests/test_editorial_drafts.py"
    " tests/test_foundation.py::test_fixtures_find_a_country_record_by_country_code_and_slug",
    "codebook/models.py": "tests/test_codebook_validation.py tests/test_codebook_api.py tests/test_codebook_pages.py"
    " tests/test_codebook_data.py::test_loading_the_codebook_twice_changes_nothing"
    " 'tests/test_site_queries.py::test_a_page_costs_a_fixed_number_of_queries_at_two_data_sizes"
    "[/codebook/test_question_1/-size 4]'",
    "core/api/params.py": "tests/test_api_params.py",
    "editorial/roles.py": "tests/test_editorial_roles.py",
    "core/cache.py": "tests/test_cache_rules.py",
}


def run_module(module, tests):
    results = ROOT / "mutants" / (module.replace("/", ".").removesuffix(".py") + ".json")
    results.unlink(missing_ok=True)
    env = {**os.environ, "MUTATE_MODULE": module, "MUTATE_RESULTS": str(results)}
    command = [sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "no:cacheprovider"]
    command += ["-p", "tests.mutation.plugin", "-q", "--no-header", "-o", "addopts=", *shlex.split(tests)]
    started = time.monotonic()
    completed = subprocess.run(command, cwd=ROOT, env=env)
    if completed.returncode not in (0, 5) or not results.exists():  # 5: "no tests ran", the plugin ran them
        print(f"{module}: the run failed (exit {completed.returncode})", file=sys.stderr)
        return None
    data = json.loads(results.read_text())
    data["seconds"] = round(time.monotonic() - started)
    return data


def row(data):
    outcomes = [m["outcome"] for m in data["mutants"]]
    total, killed, timeout = len(outcomes), outcomes.count("killed"), outcomes.count("timeout")
    survived = total - killed - timeout
    score = 100 * (killed + timeout) / total if total else 100.0
    return data["module"], total, killed, survived, timeout, outcomes.count("no tests"), score, data["seconds"]


def main():
    modules = os.environ.get("MUTATE_MODULES", " ".join(MODULES)).split()
    rows, survivors = [], []
    for module in modules:
        tests = os.environ.get("MUTATE_TESTS") or MODULES.get(module)
        if not tests:
            sys.exit(f"{module}: no test selection (set MUTATE_TESTS)")
        data = run_module(module, tests)
        if data is None:
            continue
        rows.append(row(data))
        survivors += [(module, m) for m in data["mutants"] if m["outcome"] in ("survived", "no tests")]
    if survivors:
        print("\nSurviving mutants:")
        for module, mutant in survivors:
            print(f"\n{module} {mutant['mutant']} ({mutant['outcome']}, {mutant['tests']} tests)\n{mutant['diff']}")
    print("\n| module | mutants | killed | survived | timeout | (no tests) | score | time |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for module, total, killed, survived, timeout, untested, score, seconds in rows:
        print(f"| {module} | {total} | {killed} | {survived} | {timeout} | {untested} | {score:.1f}% | {seconds} s |")
    return 0 if len(rows) == len(modules) else 1


if __name__ == "__main__":
    sys.exit(main())
