"""Correction notes on a page: facts in full where the reader meets them, printed errors quietly.

A note that fixes a fact (a date, number, name or claim) stays visible beside the record. A note that fixes a
printed error (spelling, punctuation, a doubled letter) shows as a small numbered marker whose note appears on
hover or focus, and is listed once in a "Printed errors" list at the end of the page: the same typo printed
three times in a section is one entry, and its later occurrences carry no marker.

One `PageNotes` collects the notes of one rendered page (the context processor below gives each response a
new one); the `{% correction record %}` tag adds to it, and the list at the end of the page reads it.
"""

from dataclasses import dataclass

from .choices import CorrectionKind


@dataclass(frozen=True)
class PrintedError:
    number: int
    note: str

    @property
    def anchor(self):
        return f"printed-error-{self.number}"


class PageNotes:
    """The printed errors noted so far on one page, numbered in order of first appearance."""

    def __init__(self):
        self._by_note = {}

    def note(self, record):
        """How to show `record`'s correction note here: ("fact", note), ("typo", PrintedError) the first time a
        printed error appears on the page, ("", None) for a repeat or no note."""
        text = (getattr(record, "correction_note", "") or "").strip()
        if not text:
            return "", None
        if getattr(record, "correction_kind", "") != CorrectionKind.TYPO:
            return "fact", text
        if text in self._by_note:
            return "", None
        entry = PrintedError(len(self._by_note) + 1, text)
        self._by_note[text] = entry
        return "typo", entry

    @property
    def printed_errors(self):
        return list(self._by_note.values())


def page_notes(request):
    """Context processor: a fresh collector for every page rendered with a RequestContext."""
    return {"page_notes": PageNotes()}
