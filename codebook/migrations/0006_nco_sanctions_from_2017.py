"""Kazakhstan's `nco_database_noncompliance_sanctioned` starts in 2017, as the report states ("until 2017, no one
faced administrative responsibility for failure to submit this reporting"). Loaded undated, the rule was carried
back to any year (the panel gave `true` for 1825 and for 2015-2016, against the report). The fixture now holds the
start; a database loaded before gets it here (`load_fixtures` finds answers by their start, so it would add a second
answer beside the undated one), and `load_fixtures` afterwards refreshes the search index and the response cache as
for every seed correction (README, upgrades). An answer with a version (an editor's work) is left alone, as
`load_fixtures` would overwrite it: the editor takes the correction in admin."""

import datetime

from django.db import migrations

OLD_NOTE = "Administrative liability, enforced since 2017 (mostly warnings, some fines; 306 cases 2017–2019). The report gives no fine amounts."
NEW_NOTE = (
    "Administrative liability, enforced since 2017: the report says that until 2017 no one faced administrative "
    "responsibility for failure to submit this reporting, and that NCOs were penalized after that (mostly warnings, "
    "some fines; 306 cases 2017–2019). It does not say whether the law provided for the liability earlier, nor gives "
    "fine amounts."
)
KEY = {"country__iso2": "KZ", "question__key": "nco_database_noncompliance_sanctioned"}


CORRECTED = datetime.datetime(2026, 11, 27, tzinfo=datetime.UTC)  # the correction's day, as the fixture has it


def date_from_2017(apps, schema_editor):
    answers = apps.get_model("codebook", "Answer").objects.filter(**KEY)
    if answers.filter(valid_from=datetime.date(2017, 1, 1)).exists():
        return  # loaded from the new fixture already
    edited = apps.get_model("codebook", "HistoricalAnswer").objects.values("id")  # a version: an editor's work
    answers.filter(valid_from=None, note=OLD_NOTE).exclude(id__in=edited).update(
        valid_from=datetime.date(2017, 1, 1), valid_from_precision="year", note=NEW_NOTE, modified_at=CORRECTED
    )


def undated_again(apps, schema_editor):
    answers = apps.get_model("codebook", "Answer").objects.filter(**KEY)
    if answers.filter(valid_from=None).exists():
        return  # an undated answer added since: one per country and question (`codebook_answer_one_undated`)
    answers.filter(valid_from=datetime.date(2017, 1, 1), note=NEW_NOTE).update(
        valid_from=None, valid_from_precision="", note=OLD_NOTE
    )


class Migration(migrations.Migration):
    dependencies = [("codebook", "0005_citation_versions")]

    operations = [migrations.RunPython(date_from_2017, undated_again)]
