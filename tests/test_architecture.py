"""The layers hold: `core` imports no app, no app imports the site layer (`ngomonitor`), and the apps import
only the layers below them. `lint-imports` checks the contracts in pyproject.toml; these tests run it on the
code as it is (it must pass) and on a scratch copy with one wrong import added (it must fail), so the
contracts are known to bite."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (
    "core", "countries", "laws", "news", "organizations", "rankings", "codebook", "search", "editorial", "ngomonitor",
)  # fmt: skip
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd):
    if not LINT_IMPORTS.exists():
        raise AssertionError(f"lint-imports is not installed beside {sys.executable} (make install installs it)")
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "400"},  # one line per contract: "<name> KEPT|BROKEN"
    )


def verdicts(output):
    """{contract name: "KEPT" or "BROKEN"} from lint-imports' summary."""
    found = {}
    for line in output.splitlines():
        for verdict in ("KEPT", "BROKEN"):
            if line.endswith(f" {verdict}"):
                found[line.removesuffix(f" {verdict}").strip()] = verdict
    return found


@pytest.fixture
def scratch_copy(tmp_path):
    """The project's packages and its pyproject.toml, copied to a scratch directory."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_contracts_hold_on_the_code_as_it_is():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(verdicts(result.stdout).values()) == ["KEPT", "KEPT", "KEPT"]


@pytest.mark.parametrize(
    "module,line,broken",
    [
        ("core/scratch.py", "from countries.models import Country\n", "core imports Django and libraries only"),
        ("laws/scratch.py", "from ngomonitor.profile import country_profile\n", "No app imports the site layer"),
        ("countries/scratch.py", "from laws.models import Law\n", "Layers:"),
        ("news/scratch.py", "from rankings.models import Ranking\n", "Layers:"),
    ],
)
def test_a_wrong_import_breaks_a_contract(scratch_copy, module, line, broken):
    (scratch_copy / module).write_text(line)
    result = lint_imports(scratch_copy)
    assert result.returncode != 0, result.stdout
    broken_contracts = [name for name, verdict in verdicts(result.stdout).items() if verdict == "BROKEN"]
    assert [name for name in broken_contracts if name.startswith(broken)], result.stdout
