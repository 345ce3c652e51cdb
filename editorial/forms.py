"""The readers' correction form: what is wrong, a source, an optional email, the page it is about."""

from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme

from .models import CorrectionSubmission

HONEYPOT_FIELD = "website"


def site_path(value, allowed_hosts):
    """The path (with query) of a page of this site, from a path or a full URL on one of our hosts; else None."""
    value = (value or "").strip()
    if not value or not url_has_allowed_host_and_scheme(value, allowed_hosts=allowed_hosts):
        return None
    parts = urlsplit(value)
    if not parts.path.startswith("/"):
        return None
    try:
        resolve(parts.path)
    except Resolver404:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


class CorrectionForm(forms.ModelForm):
    """Validates a reader's report; the view files it (with the record the page shows) in the queue.

    `website` is a honeypot: hidden from people, so only a bot fills it in.
    """

    website = forms.CharField(required=False, max_length=200, label="Leave this field empty")

    class Meta:
        model = CorrectionSubmission
        fields = ["what_is_wrong", "source", "email", "page_url"]
        labels = {"what_is_wrong": "What is wrong?", "source": "Source", "email": "Your email (optional)"}
        help_texts = {
            "what_is_wrong": "What the page says, and what it should say.",
            "source": "A link (https://...) or a reference where the correct information can be checked.",
            "email": "Only if you would like a reply. Editors see it; it is never published.",
        }
        widgets = {
            "what_is_wrong": forms.Textarea(attrs={"rows": 6}),
            "source": forms.Textarea(attrs={"rows": 2}),
            "page_url": forms.HiddenInput,
        }
        error_messages = {
            "what_is_wrong": {"required": "Please tell us what is wrong."},
            "page_url": {"required": "We could not tell which page this is about: use the link on the page."},
        }

    def __init__(self, *args, allowed_hosts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed_hosts = set(allowed_hosts)

    def clean_what_is_wrong(self):
        return self.cleaned_data["what_is_wrong"].strip()

    def clean_source(self):
        source = self.cleaned_data["source"].strip()
        if source.lower().startswith(("http:", "https:", "www.")) and " " not in source:
            url = source if not source.lower().startswith("www.") else f"https://{source}"
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError as exc:
                raise ValidationError("This link is not a valid web address; give a full https://... URL.") from exc
            return url
        return source

    def clean_page_url(self):
        path = site_path(self.cleaned_data["page_url"], self.allowed_hosts)
        if path is None:
            raise ValidationError("This correction must be about a page of this site: use the link on the page.")
        return path

    def clean(self):
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise ValidationError("Your report could not be accepted.", code="honeypot")
        return super().clean()

    @property
    def is_honeypot_hit(self):
        return any(error.code == "honeypot" for error in self.errors.as_data().get(NON_FIELD_ERRORS, []))
