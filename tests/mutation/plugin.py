"""A pytest plugin that runs every mutant of one module in a single pytest session (`make mutate`, see run.py).

mutmut generates the mutants: the module is rewritten so that each function is a trampoline that calls the
original or one of its mutants, chosen at call time. mutmut's own runner starts a new pytest for each mutant,
which here would create and seed the test database (10-20 s) each time. This plugin instead:

1. serves the mutated module's code in place of the real one (an import hook, before Django imports it);
2. runs the selected tests once, unmutated, recording which tests call which function; they must all pass;
3. keeps the session's fixtures (the seeded in-memory test database) alive, and for each mutant forks: the child
   activates the mutant and runs the tests that call its function, stopping at the first failure (killed); the
   parent waits, up to a timeout. A fork has its own copy of the database, so a mutant cannot harm the next.

Results go to the JSON file named by MUTATE_RESULTS. Activated with `-p tests.mutation.plugin` and
MUTATE_MODULE=path/to/module.py.
"""

import ast
import difflib
import importlib.abc
import importlib.util
import json
import os
import signal
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest
from _pytest.runner import runtestprotocol

MODULE_PATH = os.environ["MUTATE_MODULE"]
MODULE_NAME = MODULE_PATH.removesuffix(".py").replace("/", ".")
RESULTS = Path(os.environ.get("MUTATE_RESULTS", "mutants/results.json"))
TIMEOUT_FACTOR, TIMEOUT_MIN = 5.0, 20.0  # a mutant's tests may take 5x their clean time, at least 20 s


def _generate():
    from mutmut.mutation.file_mutation import mutate_file_contents

    source = Path(MODULE_PATH).read_text()
    return source, mutate_file_contents(MODULE_PATH, source)


SOURCE, MUTATED = _generate()


class _MutatedLoader(importlib.abc.SourceLoader):
    def __init__(self, path):
        self.path = path

    def get_filename(self, fullname):
        return self.path

    def get_data(self, path):
        return MUTATED.code.encode()


class _MutatedFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname != MODULE_NAME:
            return None
        loader = _MutatedLoader(MODULE_PATH)
        return importlib.util.spec_from_file_location(fullname, os.path.abspath(MODULE_PATH), loader=loader)


assert MODULE_NAME not in sys.modules, f"{MODULE_NAME} was imported before the mutation plugin"
sys.meta_path.insert(0, _MutatedFinder())

# Which function each test calls: record the trampolines' hits ourselves (mutmut's recorder wants its own set-up).
_hits = set()


def _record(name, caller=None):
    _hits.add(name)


def _function_of(mutant):
    from mutmut.utils.format_utils import mangled_name_from_mutant_name

    return mangled_name_from_mutant_name(mutant)


def _diffs():
    """{mutant name: unified diff of its function against the original}."""
    tree = ast.parse(MUTATED.code)
    functions = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            functions[node.name] = ast.get_source_segment(MUTATED.code, node)
    diffs = {}
    for mutant in MUTATED.mutant_names:
        function = _function_of(mutant)
        orig = functions.get(f"{function}__mutmut_orig", "").replace(f"{function}__mutmut_orig", "F")
        changed = functions.get(mutant, "").replace(mutant, "F")
        lines = difflib.unified_diff(orig.splitlines(), changed.splitlines(), lineterm="", n=0)
        diffs[mutant] = "\n".join(line for line in lines if not line.startswith(("---", "+++", "@@")))
    return diffs


def _run_items(items, stop_on_failure):
    """Run `items` in order; return whether all passed."""
    passed = True
    for index, item in enumerate(items):
        nextitem = items[index + 1] if index + 1 < len(items) else None
        reports = runtestprotocol(item, nextitem=nextitem, log=False)
        if any(report.failed for report in reports):
            passed = False
            if stop_on_failure:
                return False
    return passed


def _run_mutant(name, items, timeout):
    """Fork; the child runs `items` with the mutant active. Returns killed, survived or timeout."""
    pid = os.fork()
    if pid == 0:  # the child: no output, exit 0 if every test passed
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            from mutmut.mutation.trampoline import set_mutant_under_test

            set_mutant_under_test(f"{MODULE_NAME}.{name}")
            # The parent kept the setup state of the last module it ran: start from the session level.
            items[0].session._setupstate.teardown_exact(items[0])
            os._exit(0 if _run_items(items, stop_on_failure=True) else 1)
        except BaseException:
            os._exit(3)
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return "survived" if os.waitstatus_to_exitcode(status) == 0 else "killed"
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return "timeout"
        time.sleep(0.02)


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session):
    if session.testsfailed or session.config.option.collectonly:
        return None
    import mutmut.mutation.trampoline as trampoline

    trampoline.record_trampoline_hit = _record
    items = session.items
    assert MODULE_NAME in sys.modules, f"no selected test imports {MODULE_NAME}"

    # 1. The clean run, recording which functions each test calls. The last test's teardown stops short of the
    # session, so the seeded database stays for the mutants.
    trampoline.set_mutant_under_test("stats")
    tests_by_function, duration = defaultdict(list), {}
    failures = []
    for index, item in enumerate(items):
        _hits.clear()
        started = time.monotonic()
        nextitem = items[index + 1] if index + 1 < len(items) else items[0]
        reports = runtestprotocol(item, nextitem=nextitem, log=False)
        duration[item.nodeid] = time.monotonic() - started
        if any(report.failed for report in reports):
            failures.append(item.nodeid)
        for function in _hits:
            tests_by_function[function.rpartition(".")[2]].append(item)
    trampoline.set_mutant_under_test("")
    if failures:
        raise pytest.UsageError(f"the unmutated tests must pass; failed: {failures}")

    # 2. Each mutant, in a forked child.
    diffs = _diffs()
    results = []
    total = len(MUTATED.mutant_names)
    for number, mutant in enumerate(MUTATED.mutant_names, 1):
        selected = tests_by_function.get(_function_of(mutant), [])
        if not selected:
            outcome = "no tests"
        else:
            timeout = max(TIMEOUT_MIN, TIMEOUT_FACTOR * sum(duration[item.nodeid] for item in selected))
            outcome = _run_mutant(mutant, selected, timeout)
        results.append({"mutant": mutant, "outcome": outcome, "tests": len(selected), "diff": diffs[mutant]})
        print(f"\r{MODULE_PATH}: {number}/{total} {outcome:<9}", end="", file=sys.__stderr__, flush=True)
    print(file=sys.__stderr__)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"module": MODULE_PATH, "mutants": results}, indent=1, ensure_ascii=False))

    # 3. Tear the session down (the test database goes).
    session._setupstate.teardown_exact(None)
    return True
