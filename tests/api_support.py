"""Helpers shared by the API tests: every resource's list URL and a record to read."""

from django.urls import reverse

from ngomonitor.api import API_RESOURCES

# (prefix, viewset) of every API resource, in the router's order.
RESOURCES = [(resource.prefix, resource.viewset) for resource in API_RESOURCES]


def basename(viewset):
    return viewset.queryset.model._meta.model_name


def list_url(viewset):
    return reverse(f"api:{basename(viewset)}-list")


def detail_url(viewset, obj):
    if basename(viewset) == "country":
        return reverse("api:country-detail", kwargs={"code": obj.iso2.lower()})
    return reverse(f"api:{basename(viewset)}-detail", kwargs={"pk": obj.pk})


def resource_ids():
    return [prefix for prefix, _ in RESOURCES]
