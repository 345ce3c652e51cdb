"""Where the seed report lives: a copy is kept beside the fixtures it was turned into, so it is always there."""

from pathlib import Path

SEED_REPORT = Path(__file__).resolve().parent.parent / "fixtures/kazakhstan/source/kazakhstan-civic-freedom-monitor.txt"
