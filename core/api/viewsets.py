"""The base of every resource's viewset: anyone reads published records, editors with model permissions
write. Authentication, pagination, filter backends, throttles, the exception handler and the schema class
come from `REST_FRAMEWORK` in the settings; this class adds what only resources have (CSV, strict list
parameters, published reads)."""

from django.db import transaction
from django.db.models import ProtectedError
from rest_framework import viewsets
from rest_framework.permissions import SAFE_METHODS

from ..history import one_version_per_save
from ..models import records_linking_to
from .params import StrictQueryMixin, check_boolean_filters, multiple_choice_params
from .renderers import BrowsableAPIRenderer, CSVRenderer, JSONRenderer


class PublicViewSet(StrictQueryMixin, viewsets.ModelViewSet):
    """A resource of the public API.

    Subclasses set `queryset` (the model's manager), `serializer_class`, `filterset_class`, `search_fields`
    and `ordering_fields`. Reads start from `public_queryset()`, the model's `published().for_api()`;
    writes see drafts too, so an editor can create a draft and publish it later.
    """

    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    search_fields = ()
    ordering_fields = ()
    list_params = ("page", "page_size", "search", "ordering")

    @classmethod
    def public_queryset(cls):
        """What the public may see of this resource, related rows fetched: the list, the profile and the
        dataset download all start here."""
        return cls.queryset.published().for_api()

    def get_queryset(self):
        if self.request is not None and self.request.method not in SAFE_METHODS:
            return self.queryset.all()
        return self.public_queryset()

    def allowed_query_params(self):
        allowed = super().allowed_query_params()
        if self.action == "list":
            allowed += list(self.filterset_class.base_filters)
            allowed += [p for p in self.list_params if p != "search" or self.search_fields]
        return allowed

    def repeatable_query_params(self):
        if self.action != "list":
            return ()
        return multiple_choice_params(self.filterset_class)

    def check_query_params(self, request):
        super().check_query_params(request)
        if self.action == "list":
            check_boolean_filters(self.filterset_class, request)

    # Each write whole or not at all: the record, its many-to-many links and its history entry are saved in one
    # transaction, so a failure part-way (a unique key taken by a write at the same moment: a 409) leaves nothing.
    # One version per write, holding the record's links as the write leaves them (`one_version_per_save`).
    def perform_create(self, serializer):
        with transaction.atomic(), one_version_per_save():
            super().perform_create(serializer)

    def perform_update(self, serializer):
        with transaction.atomic(), one_version_per_save():
            super().perform_update(serializer)

    def perform_destroy(self, instance):
        # Refused while other records point to it, as in admin (`records_linking_to` says why): a 409 names them.
        # Checked inside the delete's transaction.
        with transaction.atomic():
            linked = records_linking_to([instance])
            if linked:
                raise ProtectedError("Other records point to this one.", linked)
            super().perform_destroy(instance)
