"""Browser tests (Playwright with the system Chromium, axe-core from npm); see conftest.py."""
