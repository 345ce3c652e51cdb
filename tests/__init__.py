"""NGO Monitor's test suite: a package, so every module imports the same way (`from tests.factories import ...`)."""
