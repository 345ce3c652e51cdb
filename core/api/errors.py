"""One body shape for every API error: `detail`, plus `errors` for invalid input and `allowed` for unknown
parameters. `REST_FRAMEWORK["EXCEPTION_HANDLER"]` points here, so every API view answers the same way."""

from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback


class ErrorSerializer(serializers.Serializer):
    """The body of every error response (documented in the schema for 400, 401, 403, 404 and 429)."""

    detail = serializers.CharField(help_text="What went wrong, in one sentence.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Every 400: the messages for each parameter or field at fault (non_field_errors: the request as a "
        "whole).",
    )
    allowed = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="For unknown query parameters: the parameters this endpoint accepts.",
    )


def bad_parameters(detail, names=(), errors=None, **extra):
    """A 400 for query parameters in the one shape of invalid input: `detail`, and `errors` with each parameter at
    fault (`names` share the detail's message; `errors` gives each its own). Some 400s had `detail` alone."""
    return exceptions.ParseError({"detail": detail, "errors": errors or {name: [detail] for name in names}, **extra})


def _flatten_messages(detail):
    """Turn DRF's nested error detail into {name: [messages]} with plain strings."""
    if isinstance(detail, dict):
        return {str(key): [str(m) for m in _as_list(value)] for key, value in detail.items()}
    return {"non_field_errors": [str(m) for m in _as_list(detail)]}


def _as_list(value):
    if isinstance(value, list | tuple):
        return [item for sub in value for item in _as_list(sub)]
    if isinstance(value, dict):
        return [f"{key}: {msg}" for key, sub in value.items() for msg in _as_list(sub)]
    return [value]


def protected_response(exc):
    """A record that others still point to (a law cited by codebook answers) is not deleted: 409 says why."""
    kinds = {}  # every kind of record that blocks, named when it is one (a law's 19 citations hid its news item)
    for obj in exc.args[1]:
        kinds.setdefault(obj._meta, []).append(obj)
    blockers = sorted(
        f"{opts.verbose_name} “{objs[0]}”" if len(objs) == 1 else f"{len(objs)} {opts.verbose_name_plural}"
        for opts, objs in kinds.items()
    )
    return Response(
        {
            "detail": f"This record is still referred to and was not deleted: {'; '.join(blockers)}. "
            "Remove or change those references first, or make it a draft (`publication_status`): a draft is hidden "
            "from the public and keeps every link."
        },
        status=status.HTTP_409_CONFLICT,
    )


def is_unique_violation(exc):
    """Whether a database IntegrityError is a unique key taken (PostgreSQL's SQLSTATE 23505, SQLite's message)."""
    return getattr(exc.__cause__, "pgcode", None) == "23505" or str(exc).startswith("UNIQUE constraint failed")


def api_exception_handler(exc, context):
    """DRF's handler, then one body shape for every error: `detail`, plus `errors` for invalid input."""
    if isinstance(exc, ProtectedError | RestrictedError):
        return protected_response(exc)
    if isinstance(exc, IntegrityError) and is_unique_violation(exc):
        # Validation checks the unique keys first; only a write racing another past that check gets here. Any
        # other integrity error is a bug, and stays a 500.
        set_rollback()
        return Response(
            {"detail": "Another change saved at the same moment conflicts with this one. Reload and try again."},
            status=status.HTTP_409_CONFLICT,
        )
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten_messages(exc.detail)
        summary = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in errors.items())
        response.data = {"detail": f"Invalid input. {summary}", "errors": errors}
    elif not isinstance(response.data, dict):
        response.data = {"detail": str(response.data)}
    if response.status_code == status.HTTP_400_BAD_REQUEST and not response.data.get("errors"):
        response.data["errors"] = {"non_field_errors": [str(response.data.get("detail", ""))]}  # the request as a whole
    return response
