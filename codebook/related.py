"""The codebook beside the report's barriers: each barrier's subject is a category of rules.

The report describes a barrier in prose ("Barriers to Entry"); the codebook states the rules on the same subject as
typed, dated, cited values ("Minimum number of founders: at least 10 citizens"). A reader of one wants the other:
a barrier's page shows the rules of its category in force on the report's date (the report links to them under
each barrier, with their number), and the profile's key parameters link each category to its barrier. The first
six categories of the codebook are the report's six barrier headings, so they match one to one; tax, public
benefit and participation have no barrier.
"""

import re
from collections import Counter

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from core.choices import Status

from .models import BARRIER_CATEGORIES, Answer, Category, Citation


def report_rules_date(profile):
    """The date a country's rules are shown for: its published report's (the report cannot speak for later), or
    today for a country without one (`profile` None or a draft)."""
    return profile.last_updated if profile is not None and profile.is_published else timezone.localdate()


def rules_date(country):
    """`report_rules_date` of the country's report; a record's page has it in hand (`country__profile`)."""
    return report_rules_date(getattr(country, "profile", None))  # no report: Django's AttributeError, so None


def _rules(country, categories, on_date):
    """The country's published answers of these categories in force on the date."""
    return Answer.objects.of_country(country).published().filter(question__category__in=categories).in_force(on_date)


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


def article_pinpoints(number):
    """A citation's pinpoint naming an article of the constitution, any case, as a word: "Article 32",
    "Article 32(1)", "Article 32, paragraph 2", "Para 4, Article 32", never "Article 320" nor "Article 3" for 32."""
    return Q(pinpoint__iregex=rf"(^|[^0-9a-z])article {re.escape(str(number))}([^0-9]|$)")


def rules_citing_article(article):
    """The section an article's page shows: the codebook rules whose citation names the article's constitution at
    this article (every period of each, in the codebook's order), or None. A researcher reading the right of
    assembly (Article 32) reaches the coded assembly rules that rest on it, and back: the rule's citation links the
    constitution. One query."""
    cites = Citation.objects.filter(
        article_pinpoints(article.number),
        answer=OuterRef("pk"),
        law=article.constitution_id,
        law__publication_status=Status.PUBLISHED,  # a draft constitution is no law a rule's line names
    )
    answers = list(
        Answer.objects.published()
        .for_link()
        .filter(Exists(cites), country=article.country_id)
        .order_by("question__category", "question__order", "question__key", F("valid_from").asc(nulls_first=True))
    )
    if not answers:
        return None
    return {
        "template": "codebook/_article_rules.html",
        "anchor": "rules",
        "jump": f"Codebook rules that cite this article ({len(answers)})",
        "answers": answers,
    }
