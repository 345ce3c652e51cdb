"""Each record has its own page, and cross-links run both ways: a law lists what cites it, and so on."""

import datetime
import re
from html import unescape

import pytest
from django.utils import timezone

from countries.models import Barrier
from laws.models import ConstitutionalArticle, Law, LegislativeInitiative, Treaty
from news.models import NewsItem, Resource
from organizations.models import OrganizationalForm
from tests.factories import CountryFactory, LawFactory, NewsItemFactory, SectorFigureFactory
from tests.seed import seeded_records

pytestmark = pytest.mark.django_db


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def h1(html):
    return unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1))).strip()


def test_every_published_record_of_kazakhstan_has_a_page_headed_by_its_name(client):
    """Each record of the fixture files, at its own URL, under its own title."""
    for model, heading in (
        (Law, lambda fields: fields["title"]),
        (ConstitutionalArticle, lambda fields: f"Article {fields['number']} of the Constitution"),
        (LegislativeInitiative, lambda fields: fields["title"]),
        (Barrier, lambda fields: fields["title"]),
        (OrganizationalForm, lambda fields: fields["name"]),
        (NewsItem, lambda fields: fields["title"]),
        (Treaty, lambda fields: fields["name"]),
    ):
        records = seeded_records(model)
        assert records, model
        for pk, fields in records:
            record = model.objects.get(pk=pk)
            assert " ".join(heading(fields).split()) in h1(html_of(client, record.get_absolute_url())), record


def test_barriers_and_the_laws_they_cite_link_to_each_other(client):
    pairs = 0
    for barrier in Barrier.objects.published().for_country("KZ").prefetch_related("cited_laws", "cited_articles"):
        barrier_html = html_of(client, barrier.get_absolute_url())
        for law in barrier.cited_laws.published():
            assert law.get_absolute_url() in barrier_html
            assert barrier.get_absolute_url() in html_of(client, law.get_absolute_url())
            pairs += 1
        for article in barrier.cited_articles.published():
            assert article.get_absolute_url() in barrier_html
            assert barrier.get_absolute_url() in html_of(client, article.get_absolute_url())
            pairs += 1
    assert pairs > 10


def test_news_and_the_laws_and_articles_they_relate_to_link_to_each_other(client):
    pairs = 0
    for item in NewsItem.objects.published().for_country("KZ").prefetch_related("related_laws", "related_articles"):
        item_html = html_of(client, item.get_absolute_url())
        for record in [*item.related_laws.published(), *item.related_articles.published()]:
            assert record.get_absolute_url() in item_html
            assert item.get_absolute_url() in html_of(client, record.get_absolute_url())
            pairs += 1
    assert pairs > 10


def test_a_law_page_lists_everything_that_cites_the_law(client, synthetic_profile):
    data = synthetic_profile
    law = data.laws[1]
    html = html_of(client, law.get_absolute_url())
    assert "In the report’s list of national laws" in html and "No. 1</a>" in html
    assert data.barriers[0].get_absolute_url() in html
    assert "/countries/zz/initiatives/initiative-1/" in html
    assert "/countries/zz/news/news-1-en/" in html and "/countries/zz/news/news-1-ru/" in html
    assert "Charity 1" in html  # the definition it holds
    assert "/countries/zz/organizational-forms/form-1/" in html
    assert "Minimum founders 1" in html  # the figure that relates to it
    assert "Article 289(1) Exemption" in html  # tax provision
    assert "#amendment-amendment-1" in html


def test_an_article_page_lists_the_laws_barriers_and_news_that_cite_it(client, synthetic_profile):
    data = synthetic_profile
    article = data.articles[0]
    html = html_of(client, article.get_absolute_url())
    assert "/countries/zz/laws/constitution/" in html  # the constitution it belongs to
    assert "/countries/zz/laws/law-1/" in html  # the law that amended it
    assert data.barriers[0].get_absolute_url() in html
    assert "/countries/zz/news/news-1-en/" in html


def test_the_constitution_links_to_its_articles_and_back(client):
    constitution = Law.objects.get(country__iso2="KZ", kind="constitution")
    html = html_of(client, constitution.get_absolute_url())
    for article in ConstitutionalArticle.objects.published().for_country("KZ"):
        assert article.get_absolute_url() in html
        assert constitution.get_absolute_url() in html_of(client, article.get_absolute_url())


def test_record_pages_hide_drafts_they_are_linked_to(client, synthetic_profile):
    html = html_of(client, synthetic_profile.barriers[0].get_absolute_url())
    assert "Secret draft law" not in html


def test_a_treaty_page_lists_each_country_status(client, synthetic_profile):
    treaty = synthetic_profile.treaty_statuses[0].treaty
    html = html_of(client, treaty.get_absolute_url())
    assert "Testland" in html and "2001" in html


def test_a_law_and_the_articles_cited_with_it_link_to_each_other_as_derived_links(client):
    """The report never relates the assemblies law to Article 32; it cites both in Barriers to Assembly. The
    pages link them, and say how the link was made."""
    law_html = html_of(client, "/countries/kz/laws/law-on-peaceful-assemblies/")
    section = law_html[law_html.index('id="articles-cited"') :]
    assert "Constitutional articles cited together with this law" in law_html
    assert "Derived links: the report does not relate these to each other" in section
    assert 'href="/countries/kz/constitution/articles/32/"' in section
    assert 'both cited in <a href="/countries/kz/barriers/assembly/">Barriers to Assembly</a>' in section
    article_html = html_of(client, "/countries/kz/constitution/articles/32/")
    assert 'href="/countries/kz/laws/law-on-peaceful-assemblies/"' in article_html
    assert "derived: the report cites both in" in article_html


def test_news_is_said_to_mention_a_record_only_when_its_text_does(client):
    """A news item about a UN rapporteur's visit, related to Article 32 by an editor, is not "news that
    mentions this article": the text never names it."""
    from laws.models import ConstitutionalArticle

    article = ConstitutionalArticle.objects.get(country__iso2="KZ", number="32")
    news = list(article.news_items.published())
    assert news and not any(article.is_named_in(f"{item.title} {item.summary}") for item in news)
    html = html_of(client, article.get_absolute_url())
    assert "News that mentions this article" not in html
    related = html[html.index('id="news-related"') :]
    assert "the text does not mention this article" in related
    assert all(f'href="{item.get_absolute_url()}"' in related for item in news)
    # A news item whose text does name the article is listed as mentioning it.
    item = news[0]
    item.summary = f"{item.summary} Article 32 of the Constitution guarantees peaceful assembly."
    item.save()
    html = html_of(client, article.get_absolute_url())
    end = html.index('id="news-related"') if 'id="news-related"' in html else None
    mentioning = html[html.index('id="news"') : end]
    assert "News that mentions this article" in html and f'href="{item.get_absolute_url()}"' in mentioning


def test_a_figure_s_printed_value_and_unit_read_as_one_phrase(client):
    """The report's "only one person" and "two hours a day" (shown as "one persons" and "two hours hours a day")."""
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html_of(client, "/countries/kz/barriers/assembly/"))).split())
    assert "one person (up to)" in text and "two hours a day (up to)" in text
    assert "one persons" not in text and "hours hours" not in text
    assert "five days" in text  # a unit the printed value already says is not repeated
    figures = " ".join(unescape(re.sub(r"<[^>]+>", " ", html_of(client, "/countries/kz/report/"))).split())
    garbled = ("million USD", "6-month months", "once a year times", "fivefold times", "one year years", "index MCI")
    assert [phrase for phrase in garbled if phrase in figures] == []


def test_what_the_report_does_not_give_is_said_not_left_blank(client):
    """A report listed without its link, a news item the report gives as a headline and a date only."""
    reports = " ".join(unescape(re.sub(r"<[^>]+>", " ", html_of(client, "/countries/kz/report/reports/"))).split())
    assert reports.count("link not stated in the source") == len(seeded_records(Resource))  # the report links none
    bare = html_of(client, "/countries/kz/news/religious-institutions-report-foreign-money-2012-11/")
    assert "The report gives only this headline and its date: no text, link or language." in bare
    with_text = NewsItem.objects.exclude(summary="").filter(url="").first()
    assert "Link to the original: not stated in the source." in html_of(client, with_text.get_absolute_url())


def test_a_ranking_index_page_gives_each_score_once_as_printed(client):
    """Freedom House's sub-scores came twice, the second time as "5.00" and "18.00"."""
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html_of(client, "/rankings/freedom-house-fiw/"))).split())
    assert text.count("Political Rights: 5") == 1 and text.count("Civil Liberties: 18") == 1
    assert ".00" not in text


def test_a_unit_the_printed_value_says_in_its_own_words_is_not_added(client):
    country = CountryFactory(iso2="QU", with_profile=True)
    for order, (printed, unit) in enumerate(
        [("two hours per day", "hours a day"), ("once", "times a year"), ("one", "citizens"), ("£3", "GBP")]
    ):
        SectorFigureFactory(country=country, slug=f"figure-{order}", order=order, printed_value=printed, unit=unit)
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html_of(client, "/countries/qu/report/overview/"))).split())
    assert "two hours per day" in text and "per day a day" not in text
    assert "once a year" in text and "once times" not in text
    assert "one citizen" in text and "one citizens" not in text
    assert "£3 GBP" in text  # a unit the value does not say is added


def test_a_record_added_after_the_report_is_not_credited_to_it(client, editoria):
    """A law an editor added in 2026 read "Source: … “Civic Freedom Monitor”, last updated March 1, 2024" on its
    page, which the report never said. Records loaded from the report carry its date, and keep their source line."""
    added = LawFactory(country=editoria, slug="added-law", title="Law added by an editor")
    loaded = LawFactory(country=editoria, slug="loaded-law", title="Law from the report")
    Law.objects.filter(pk=loaded.pk).update(created_at=datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC))
    today = timezone.localdate()
    page = html_of(client, added.get_absolute_url())
    assert (
        f'Added by NGO Monitor\'s editors on <time datetime="{today:%Y-%m-%d}">{today:%B} {today.day}, {today.year}'
        "</time>, after the country's report (“"
    ) in page
    assert 'last updated <time datetime="2024-03-01">March 1, 2024</time>).' in page and "Source:" not in page
    page = html_of(client, loaded.get_absolute_url())
    assert "Source: " in page and "Added by" not in page


def test_a_news_item_added_after_the_report_does_not_say_the_report_gives_it(client, editoria):
    item = NewsItemFactory(country=editoria, slug="added", title="Added headline", summary="", url="")
    page = html_of(client, item.get_absolute_url())
    assert "Only this headline and its date are recorded" in page and "The report gives only" not in page
