"""A missing Chromium or axe-core skips the browser tests on a plain machine and fails them under CI."""

import pytest

from tests.browser.conftest import unavailable


def test_missing_browser_skips_without_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium not found"):
        unavailable("Chromium not found at /nowhere")


def test_missing_browser_fails_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        unavailable("Chromium not found at /nowhere")
