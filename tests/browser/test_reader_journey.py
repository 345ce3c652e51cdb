"""A researcher reads the Kazakhstan profile in a real browser, and every main page passes axe-core."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser]


@pytest.fixture
def site(reading_site):
    """A reader writes nothing: every test of this module reads the one server over the seed."""
    return reading_site


def test_a_reader_goes_from_key_facts_to_a_section_follows_a_law_to_an_article_and_back(page):
    page.goto("/countries/kz/")
    expect(page.locator("h1")).to_have_text("Civic Freedom Monitor: Kazakhstan")
    expect(page.locator(".updated")).to_contain_text("Last updated May 30, 2024")
    facts = page.get_by_role("region", name="Key facts")
    expect(facts.get_by_role("region", name="Ratings, each on its own scale")).to_contain_text(
        "111 on a scale from 179 (best) to 1 (worst)"
    )
    expect(facts.get_by_role("region", name="At a glance")).to_contain_text(
        "No barriers stated in the report’s summary"
    )

    contents = page.get_by_role("navigation", name="The report, section by section")
    contents.get_by_role("link", name="National laws and regulations affecting sector").click()
    expect(page).to_have_url(re.compile(r"/countries/kz/report/laws/$"))
    expect(page.locator("h1")).to_have_text("National laws and regulations affecting sector")

    page.locator("#law-entry-11").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/countries/kz/laws/law-on-peaceful-assemblies/$"))
    cited = page.get_by_role("region", name="Constitutional articles cited together with this law")
    expect(cited).to_contain_text("Derived links")
    cited.get_by_role("link", name="Article 32", exact=True).click()
    expect(page.locator("h1")).to_have_text("Article 32 of the Constitution")
    expect(page.locator(".article-text")).to_contain_text("assemble peacefully")
    barriers = page.get_by_role("region", name="Barriers that cite this article")
    expect(barriers.get_by_role("link", name="Barriers to Assembly")).to_be_visible()
    laws = page.get_by_role("region", name="Laws", exact=True)
    laws.get_by_role("link", name=re.compile("Peaceful Assemblies")).click()
    expect(page).to_have_url(re.compile(r"/countries/kz/laws/law-on-peaceful-assemblies/$"))
    page.go_back()
    expect(page.locator("h1")).to_have_text("Article 32 of the Constitution")


def test_the_profile_fits_a_few_screens_and_every_section_is_one_click_away(page):
    page.goto("/countries/kz/")
    height = page.evaluate("document.documentElement.scrollHeight")
    elements = page.evaluate("document.getElementsByTagName('*').length")
    assert height <= 15_000, f"the profile is {height} px tall at 1280 px"
    assert elements <= 1_200, f"the profile has {elements} DOM elements"
    links = page.get_by_role("navigation", name="The report, section by section").get_by_role("link")
    hrefs = links.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    assert len(hrefs) == 15
    for href in hrefs:
        response = page.goto(href)
        assert response.status == 200, href
        assert page.locator("h1").count() == 1


def test_every_fold_of_the_whole_report_opens(page):
    page.goto("/countries/kz/report/")
    folds = page.locator("details")
    assert folds.count() > 5
    for index in range(folds.count()):
        fold = folds.nth(index)
        fold.locator("summary").click()
        expect(fold).to_have_attribute("open", "")
        expect(fold.locator("table")).to_be_visible()


def test_a_printed_error_shows_its_note_on_focus_and_is_listed_once(page):
    page.goto("/countries/kz/report/barriers/")
    marker = page.locator(".typo-marker").first
    tip = marker.locator(".typo-tip")
    expect(tip).to_be_hidden()
    marker.focus()
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("AAstana")
    listed = page.get_by_role("region", name="Printed errors")
    assert listed.get_by_text(re.compile("AAstana")).count() == 2  # the barrier's note and the figures' note


@pytest.mark.parametrize("path", ["/countries/kz/", "/countries/kz/report/rankings/", "/countries/kz/report/overview/"])
def test_chart_labels_are_legible_on_a_phone(browser, site, path):
    context = browser.new_context(viewport={"width": 360, "height": 800}, base_url=site)
    page = context.new_page()
    page.goto(path)
    sizes = page.locator(".rating__label, .rating__ends span, .rating .meta, .bars__label").evaluate_all(
        "nodes => nodes.map(node => parseFloat(getComputedStyle(node).fontSize))"
    )
    context.close()
    assert sizes and min(sizes) >= 12, sizes


def test_the_timeline_scrolls_on_a_phone_with_a_cue_and_its_dots_lead_to_their_year(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 800}, base_url=site)
    page = context.new_page()
    page.goto("/countries/kz/timeline/")
    expect(page.get_by_text("Scroll sideways for earlier years")).to_be_visible()
    frame = page.locator(".chart-scroll")
    assert frame.evaluate("node => node.scrollWidth > node.clientWidth")
    # it opens on the recent years (it opened on 1992-2004): the latest year's dots are on screen
    latest = max(
        int(href.removeprefix("#year-"))
        for href in page.locator(".chart-scroll a").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        )
    )
    box, dot_box = frame.bounding_box(), page.locator(f'.chart-scroll a[href="#year-{latest}"]').first.bounding_box()
    assert box["x"] <= dot_box["x"] and dot_box["x"] + dot_box["width"] <= box["x"] + box["width"] + 1
    expect(page.get_by_role("navigation", name="Jump to a year")).to_contain_text(str(latest))
    dot = page.locator(".chart-scroll a").first
    year = dot.get_attribute("href").removeprefix("#year-")
    dot.evaluate("node => node.dispatchEvent(new MouseEvent('click', {bubbles: true}))")
    expect(page).to_have_url(re.compile(rf"#year-{year}$"))
    expect(page.locator(f"#year-{year} time")).to_contain_text(year)
    context.close()


def test_on_a_phone_the_timeline_legend_names_each_lane_and_search_shows_results_before_filters(browser, site):
    """Found by a reader's review at 360 px: the lane labels scroll away with the chart, the search page's first
    screen held only filters, and an API endpoint's tables widened the docs page."""
    context = browser.new_context(viewport={"width": 360, "height": 800}, base_url=site)
    page = context.new_page()
    page.goto("/countries/kz/timeline/")
    legend = page.locator(".chart-legend")
    expect(legend).to_be_visible()
    expect(legend).to_contain_text("Rule in force")
    page.goto("/search/?q=founders")
    first_hit = page.locator(".search-hit").first.bounding_box()
    facets = page.locator(".search-facets").bounding_box()
    assert first_hit["y"] < facets["y"] and first_hit["y"] < 800
    jump = page.get_by_role("link", name="Refine by type, country or year")  # the facets were 5,500 px down
    expect(jump).to_be_visible()
    jump.click()
    expect(page).to_have_url(re.compile("#refine$"))
    assert page.evaluate("window.scrollY") > 0
    page.goto("/api/v1/docs/")  # an endpoint opened: its tables widened the page to 398 px
    page.locator(".opblock-summary").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    page.locator("table.parameters").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
    wide = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=site).new_page()
    wide.goto("/countries/kz/timeline/")
    expect(wide.locator(".chart-legend")).to_be_hidden()  # the lanes are labelled beside the chart
    wide.goto("/search/?q=founders")
    expect(wide.get_by_role("link", name="Refine by type, country or year")).to_be_hidden()  # beside the results
    assert wide.locator(".search-facets").bounding_box()["x"] < wide.locator(".search-hit").first.bounding_box()["x"]
    wide.context.close()


def test_a_reader_filters_news_by_language(page):
    page.goto("/countries/kz/news/")
    page.get_by_label("Language").select_option(label="Russian")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"language=ru"))  # and its load event, before the items are counted
    items = page.locator(".news-item .meta")
    expect(items.first).to_contain_text("Russian")
    assert items.count() > 5
    for text in items.all_inner_texts():
        assert "Russian" in text and "English" not in text


def test_a_reader_opens_the_timeline_and_narrows_it(page):
    page.goto("/countries/kz/")
    page.locator(".profile-links").get_by_role("link", name="Timeline").click()
    expect(page.locator("h1")).to_contain_text("Timeline")
    expect(page.get_by_role("group", name="Timeline of events by kind and year")).to_be_visible()
    page.get_by_role("checkbox", name="Treaty ratified").check()
    page.get_by_role("button", name="Show").click()
    # wait_for_url waits for the new page's load event: reading the list as soon as the address changed
    # once found it still empty on a loaded CI machine.
    page.wait_for_url(re.compile(r"kind=treaty"))
    kinds = page.locator(".timeline__kind")
    expect(kinds.first).to_have_text("Treaty ratified")
    assert set(kinds.all_inner_texts()) == {"Treaty ratified"}
    expect(page.locator(".timeline time").first).to_have_text("1992")


MAIN_PAGES = [
    "/",
    "/countries/",
    "/countries/?region=nowhere",
    "/search/?q=assembly",
    "/about/",
    "/news/",
    "/countries/kz/",
    "/countries/kz/report/",
    "/countries/kz/report/barriers/",
    "/countries/kz/report/rankings/",
    "/rankings/fragile-states/",
    "/countries/kz/timeline/",
    "/countries/kz/laws/",
    "/countries/kz/laws/constitution/",
    "/countries/kz/constitution/articles/32/",
    "/countries/kz/barriers/assembly/",
    "/countries/kz/news/?language=ru",
    "/countries/kz/treaties/",
    "/countries/kz/laws/?kind=bogus",
]


@pytest.mark.parametrize("width", [1280, 360])
def test_main_pages_have_no_axe_violations(browser, site, axe_violations, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=site)
    page = context.new_page()
    problems = {}
    for url in MAIN_PAGES:
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            problems[url] = violations
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{url} scrolls sideways"
    context.close()
    assert problems == {}
