"""The codebook beside the report's barriers: each barrier's subject is a category of rules.

The report describes a barrier in prose ("Barriers to Entry"); the codebook states the rules on the same subject as
typed, dated, cited values ("Minimum number of founders: at least 10 citizens"). A reader of one wants the other:
a barrier's page shows the rules of its category in force on the report's date (the report links to them under
each barrier, with their number), and the profile's key parameters link each category to its barrier. The first
six categories of the codebook are the report's six barrier headings, so they match one to one; tax, public
benefit and participation have no barrier.
"""

from collections import Counter

from django.utils import timezone

from countries.models import BarrierCategory

from .models import Answer, Category

BARRIER_CATEGORIES = {
    BarrierCategory.ENTRY: Category.ENTRY,
    BarrierCategory.ACTIVITY: Category.OPERATIONAL,
    BarrierCategory.SPEECH: Category.SPEECH,
    BarrierCategory.INTERNATIONAL: Category.INTERNATIONAL,
    BarrierCategory.RESOURCES: Category.RESOURCES,
    BarrierCategory.ASSEMBLY: Category.ASSEMBLY,
}


def report_rules_date(profile):
    """The date a country's rules are shown for: its published report's (the report cannot speak for later), or
    today for a country without one (`profile` None or a draft)."""
    return profile.last_updated if profile is not None and profile.is_published else timezone.localdate()


def rules_date(country):
    """`report_rules_date` of the country's report; a record's page has it in hand (`country__profile`)."""
    return report_rules_date(getattr(country, "profile", None))  # no report: Django's AttributeError, so None


def _rules(country, categories, on_date):
    """The country's published answers of these categories in force on the date."""
    return Answer.objects.published().of_country(country).filter(question__category__in=categories).in_force(on_date)


def rules_by_category(country, categories, on_date):
    """{codebook category: the country's published answers in force on the date}, for the given categories, in
    the codebook's order, with their citations (two queries)."""
    grouped = {}
    for answer in _rules(country, categories, on_date).for_api():
        grouped.setdefault(answer.question.category, []).append(answer)
    return grouped


def rule_counts(country, categories, on_date):
    """{codebook category: how many of the country's published answers are in force on the date} (one query)."""
    return Counter(_rules(country, categories, on_date).values_list("question__category", flat=True))


def barrier_subject(barrier):
    """The codebook category of a barrier's subject, or None."""
    return BARRIER_CATEGORIES.get(barrier.category)


def rules_on_barrier(barrier):
    """The section a barrier's page shows: the rules of its category in force on the report's date, or None when
    the codebook has none for the country, or for a part of a barrier (foreign funding, of resources): its category's
    rules are the whole barrier's, as in the report (see `core.views.add_page_section`)."""
    category = barrier_subject(barrier)
    if category is None or barrier.part:
        return None
    on_date = rules_date(barrier.country)
    answers = rules_by_category(barrier.country, [category], on_date).get(category)
    if not answers:
        return None
    return {
        "template": "codebook/_barrier_rules.html",
        "anchor": "rules",
        "jump": f"The rules in force, from the codebook ({len(answers)})",
        "label": Category(category).label,
        "answers": answers,
        "rules_date": on_date,
    }
