"""Under CI the suite must really run: nothing skips but the PostgreSQL-only tests on SQLite, and a whole-suite run
includes the browser tests (and on PostgreSQL the PostgreSQL-only ones). conftest.py applies `suite_problems` at
the end of every CI session; these tests show it catches each way a run can fall short."""

import pytest

from tests.support import suite_problems, unavailable

PG_ONLY = "tests/test_search_relevance.py::test_the_expected_records_rank_in_the_top_five[charty]"
BROWSER = "tests/browser/test_reader_journey.py::test_a_reader_filters_news_by_language"
PLAIN = "tests/test_api_contract.py::test_pagination"
FULL_RUN = {PLAIN: ("passed", set()), BROWSER: ("passed", {"browser"}), PG_ONLY: ("passed", {"postgres"})}


def test_a_full_run_on_postgresql_is_complete():
    assert suite_problems(FULL_RUN, vendor="postgresql", whole_suite=True) == []


def test_on_sqlite_only_the_postgresql_only_tests_may_skip():
    outcomes = {**FULL_RUN, PG_ONLY: ("skipped", {"postgres"})}
    assert suite_problems(outcomes, vendor="sqlite", whole_suite=True) == []
    assert suite_problems(outcomes, vendor="postgresql", whole_suite=True) == [
        f"{PG_ONLY} skipped",
        "no PostgreSQL-only test ran on PostgreSQL",
    ]


def test_a_skipped_browser_or_plain_test_is_a_problem_anywhere():
    outcomes = {**FULL_RUN, BROWSER: ("skipped", {"browser"}), PLAIN: ("skipped", set())}
    for vendor in ("sqlite", "postgresql"):
        assert suite_problems(outcomes, vendor=vendor, whole_suite=False) == [f"{BROWSER} skipped", f"{PLAIN} skipped"]
        assert suite_problems(outcomes, vendor=vendor, whole_suite=True)[-1] == "no browser test ran"


def test_a_whole_suite_that_never_collected_the_browser_or_postgresql_tests_is_a_problem():
    assert suite_problems({PLAIN: ("passed", set())}, vendor="postgresql", whole_suite=True) == [
        "no browser test ran",
        "no PostgreSQL-only test ran on PostgreSQL",
    ]
    assert suite_problems({PLAIN: ("passed", set())}, vendor="sqlite", whole_suite=True) == ["no browser test ran"]
    # A run of a few chosen tests (paths, -k or -m) need not include them.
    assert suite_problems({PLAIN: ("passed", set())}, vendor="postgresql", whole_suite=False) == []


def test_a_missing_tool_skips_without_ci_and_fails_under_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium not found"):
        unavailable("Chromium not found at /nowhere")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        unavailable("Chromium not found at /nowhere")
