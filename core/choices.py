"""Choice sets every app shares: the publication state and the precision of a partial date."""

from django.db import models


class Status(models.TextChoices):
    PUBLISHED = "published", "Published"
    DRAFT = "draft", "Draft"


class DatePrecision(models.TextChoices):
    """How much of a date the source gives: "July 2023" is stored as 2023-07-01 with MONTH precision."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
