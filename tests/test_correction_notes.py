"""Correction notes come in two kinds, and every note says which: a printed error (a typo, noted quietly) or a
correction of fact (shown in full). Editors cannot store one without the other, in admin or through the API,
and every note of the seeded report has its kind."""

import pytest
from django.contrib.admin.sites import site as admin_site
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.choices import CorrectionKind
from editorial.content import content_models

pytestmark = pytest.mark.django_db


def test_every_seeded_note_has_a_kind_and_no_kind_stands_alone():
    typos = facts = 0
    for model in content_models():
        for note, kind in model.objects.values_list("correction_note", "correction_kind"):
            assert bool(note.strip()) == bool(kind), (model, note[:60], kind)
            typos += kind == CorrectionKind.TYPO
            facts += kind == CorrectionKind.FACT
    assert typos >= 20 and facts >= 20  # the report's slips are about half printed errors, half facts


@pytest.fixture
def editor_api(editor):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    return api


@pytest.mark.parametrize(
    "change, message",
    [
        ({"correction_note": "Printed “AAstana”."}, "Say what the correction note fixes"),
        ({"correction_kind": "typo"}, "A kind needs a correction note"),
        ({"correction_note": "Printed “AAstana”.", "correction_kind": "guess"}, "is not a valid choice"),
    ],
)
def test_a_note_without_its_kind_is_refused_by_the_api(editor_api, law, change, message):
    response = editor_api.patch(f"/api/v1/laws/{law.pk}/", change, format="json")
    assert response.status_code == 400
    assert "correction_kind" in response.json()["errors"]
    assert message in " ".join(response.json()["errors"]["correction_kind"])
    law.refresh_from_db()
    assert (law.correction_note, law.correction_kind) == ("", "")


def test_a_note_with_its_kind_is_stored_and_read_back(editor_api, law):
    change = {"correction_note": "Printed “AAstana”: Astana.", "correction_kind": "typo"}
    response = editor_api.patch(f"/api/v1/laws/{law.pk}/", change, format="json")
    assert response.status_code == 200, response.content
    assert {key: response.json()[key] for key in change} == change


def test_admin_shows_a_note_without_its_kind_as_a_form_error(client, law):
    from django.contrib.auth import get_user_model

    from tests.support import admin_form_data

    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "x"))
    url = f"/admin/laws/law/{law.pk}/change/"
    data = admin_form_data(client.get(url), correction_note="Printed “AAstana”.", correction_kind="")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Say what the correction note fixes" in response.content.decode()
    law.refresh_from_db()
    assert law.correction_note == ""
    assert admin_site.is_registered(type(law))


def test_printed_errors_do_not_shout_on_the_home_page_or_under_news(client):
    """Before, two of six news items on the home page carried a yellow box for a stray quotation mark."""
    from news.models import NewsItem

    typo_news = NewsItem.objects.published().filter(correction_kind=CorrectionKind.TYPO)
    assert typo_news.exists()
    html = client.get("/").content.decode()
    for item in typo_news:
        assert f"<strong>Correction:</strong> {item.correction_note}" not in html
    html = client.get("/countries/kz/constitution/articles/32/").content.decode()
    assert '<p class="correction"' not in html[html.index('id="news-related"') :]


def test_the_five_days_conflict_is_noted_where_the_reader_first_meets_it(client):
    """ "Five working days" in At a glance against five (and ten) days in the narrative: a correction of fact on
    the profile's key facts, beside the row that prints it."""
    html = client.get("/countries/kz/").content.decode()
    glance = html[html.index('id="glance-heading"') : html.index('id="recent-heading"')]
    row = glance[glance.index("Barriers to Assembly") :]
    assert "five working days" in row
    assert '<p class="correction" role="note"><strong>Correction:</strong> At a glance prints' in row
    assert "no later than 10 days prior" in row
