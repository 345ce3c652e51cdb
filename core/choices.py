"""Choice sets every app shares: the publication state, the precision of a partial date, the kind of a
correction note."""

from django.db import models


class Status(models.TextChoices):
    PUBLISHED = "published", "Published"
    DRAFT = "draft", "Draft"


class DatePrecision(models.TextChoices):
    """How much of a date the source gives: "July 2023" is stored as 2023-07-01 with MONTH precision."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class CorrectionKind(models.TextChoices):
    """What a correction note fixes. A printed error is noted quietly (a marker, and a list at the end of the
    page); a correction of fact stays visible where the reader meets the record."""

    TYPO = "typo", "Printed error (spelling, punctuation, a doubled letter, a garbled phrase)"
    FACT = "fact", "Correction of fact (a date, number, name or claim that is wrong or inconsistent)"
