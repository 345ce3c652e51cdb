"""Readers' corrections waiting for an editor, and the admin entry through which editors get an API token."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from rest_framework.authtoken.models import Token


class CorrectionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=CorrectionSubmission.Status.NEW)


class CorrectionSubmission(models.Model):
    """A reader's report that something on a public page is wrong.

    It only enters a moderation queue: nothing here ever changes content. An editor reads it, fixes the record
    through admin if it is right (so the fix is recorded in the record's history), and closes it.
    The reader's email is for the editors' reply only and is never shown on the public site.
    """

    class Status(models.TextChoices):
        NEW = "new", "New"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    what_is_wrong = models.TextField("what is wrong", max_length=5000)
    source = models.TextField(blank=True, max_length=2000, help_text="A URL or a reference the reader gave.")
    email = models.EmailField(blank=True, help_text="For a reply only; never shown publicly.")
    page_url = models.CharField("page", max_length=500, help_text="The page the reader was on.")
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("content_type", "object_id")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW, db_index=True)
    moderator_notes = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField("received", auto_now_add=True, db_index=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "reader's correction"
        verbose_name_plural = "readers' corrections"
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_status_display()}: {self.what_is_wrong[:60]}"


class ApiToken(Token):
    """Each staff member's own API token, as an admin page (`Token` itself stays for superusers only)."""

    class Meta:
        proxy = True
        verbose_name = "my API token"
        verbose_name_plural = "my API token"
