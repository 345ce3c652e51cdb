"""Editors write through the API with their own token; the change is recorded like an admin change, with the
reason from `X-Change-Reason`. Anonymous users and logged-in non-editors cannot write."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.support import EDITOR_PASSWORD

pytestmark = pytest.mark.django_db


def law_api_url(law):
    return reverse("api:law-detail", kwargs={"pk": law.pk})


def test_an_editor_changes_a_law_through_the_api_with_a_token_from_admin(client, law, editor):
    url = law_api_url(law)
    client.force_login(editor)
    client.post("/admin/editorial/apitoken/")  # "My API token" in admin
    token = Token.objects.get(user=editor)

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_X_CHANGE_REASON="Checked against adilet.zan.kz")
    response = api.patch(url, {"summary": "Registration within 15 days."}, format="json")
    assert response.status_code == 200, response.content

    law.refresh_from_db()
    assert law.summary == "Registration within 15 days."
    latest = law.history.latest()
    assert latest.history_user == editor
    assert latest.history_change_reason == "Checked against adilet.zan.kz"
    assert latest.prev_record.summary == "Registration within 30 days."
    # The public read shows the new value.
    assert APIClient().get(url).json()["summary"] == "Registration within 15 days."


def test_anonymous_users_and_non_editors_cannot_write_through_the_api(law):
    url = law_api_url(law)
    response = APIClient().patch(url, {"summary": "Vandalised."}, format="json")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"

    reader = get_user_model().objects.create_user("reader", password=EDITOR_PASSWORD)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=reader).key}")
    assert api.patch(url, {"summary": "Vandalised."}, format="json").status_code == 403
    assert api.delete(url).status_code == 403

    law.refresh_from_db()
    assert law.summary == "Registration within 30 days." and law.history.count() == 1
