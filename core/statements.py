"""Compiled SQL remembered: a query built again exactly as before is not compiled again.

Why: Django compiles every query it runs (joins resolved, columns listed, the model's ordering resolved, SQL and
parameters written), and a page builds its queries afresh on every request. An uncached country profile runs some
thirty queries, the same thirty for the same country each time: their compilation was a seventh of the API
profile's time and a fifth of the profile page's (timed around `SQLCompiler.as_sql`, session 34).

How it stays exact: the key is the query's whole state before compilation, written out as plain values
(`fingerprint`): every attribute of the `Query`, and of every node, expression, join and subquery in it, each with
its class; a record stands for its primary key (what Django writes for it: no relation of the project names a
`to_field`, and a model with one is not keyed). Anything else, or a value that cannot be written so (an object
of unknown kind, an unsaved record), and the query is compiled as Django compiles it, every time. Two queries
with the same key are built of the same parts with the same values, so Django writes the same SQL for both; the
compiler's result (the SQL, its parameters and the column map the rows are read with) is kept per key, per
database alias, per compiler flag and per time zone active for the request (a date lookup, `Trunc` or `Extract` is
written in it). A value Python calls equal to another that SQL writes otherwise (Decimal("1.0") and
Decimal("1.000"), 0.0 and -0.0, one instant in two zones) is written exactly. Settings are part of what Django
reads while compiling (`USE_TZ`, `TIME_ZONE`): any change of a setting (tests only) forgets everything. Never kept:
a locking read (`select_for_update`: Django refuses one outside a transaction as it compiles it), and a statement
of more than `MAX_PARAMETERS` values (a long `IN` list of one request's rows). A review found each of these cases
wrong in the first version; `tests/test_statements.py` holds them.

Where: QuerySets of the project's content (`PublishedQuerySet`) read as model instances, which is every page, list,
profile and API answer; each such query's compiler is a `RememberingQuery`'s (`remember_statements`). A subquery,
an update, an insert or an aggregate compiler is left to Django.

`STATEMENT_CACHE` (environment): 1 (default) remembers; 0 compiles every time; `check` remembers and also
compiles every query it answers from memory, raising `StatementMismatch` if the two differ: the test suite runs
with `check`, so every query of its 1,800 tests proves the key.
"""

import datetime
import decimal
import threading
import uuid
from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.db import models
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.db.models.options import Options
from django.db.models.sql.query import Query
from django.dispatch import receiver
from django.utils import timezone, tree

# The plain values a query holds (lookup values, names, flags, limits), compared with their class: 1 and True are
# equal in Python, not in SQL.
VALUES = frozenset({str, int, bool, type(None), bytes, uuid.UUID, datetime.date, datetime.timedelta})
# Values Python calls equal though SQL writes them otherwise: written exactly (`exact`).
EXACT_VALUES = frozenset({float, decimal.Decimal, datetime.datetime, datetime.time})
# The modules whose objects make up a query (nodes, expressions, lookups, joins, the query itself): written out
# attribute by attribute.
QUERY_PARTS = ("django.db.models.",)
# What compiling never reads: what an expression works out from its other attributes and keeps once asked (Django's
# `cached_property`: present or not depending on what asked before; a model field's column, `Field.cached_col`, is
# one object for the whole process), and the arguments it was built with (`deconstruct()` reads them; its SQL is
# written from the attributes its constructor set: a subquery's arguments held its QuerySet, a copy of its query).
DERIVED = frozenset(
    {
        "_constructor_args",
        "identity",
        "contains_aggregate",
        "contains_over_clause",
        "contains_column_references",
        "_output_field_or_none",
        "allowed_default",
        "referenced_base_fields",
    }
)
MAX_STATEMENTS = 1024  # a country's profile, page and report hold about sixty, some 20 KB each; the oldest go first

# A statement with more parameters than this is not kept: a long `IN (...)` list of one request's rows would rarely
# come again, and each value is in the key and the entry (5,000 ids: some 570 KB).
MAX_PARAMETERS = 128

STATEMENTS = {}
REMEMBERING = threading.Lock()


class Unkeyable(Exception):
    """A query holding something `fingerprint` cannot write as plain values: it is compiled every time."""


class StatementMismatch(AssertionError):
    """`STATEMENT_CACHE=check`: a remembered statement differs from the one Django compiles for the same key."""


def fingerprint(value):
    """`value` as nested tuples of plain values and classes: equal for two queries built of equal parts."""
    kind = type(value)
    if kind is str or value is None:  # the commonest: a name, an alias, a lookup's text (never equal to a non-text)
        return value
    write = WRITERS.get(kind)
    if write is None:
        write = WRITERS[kind] = writer(kind)
    return write(value)


def plain(value):
    return (type(value), value)


def exact(value):
    """A value Python calls equal to others that SQL writes otherwise: Decimal("1.0") and Decimal("1.000"), 0.0 and
    -0.0, one instant in two time zones. Written as its text, and a time's zone as itself."""
    if isinstance(value, float):
        return (float, value.hex())
    if isinstance(value, (datetime.datetime, datetime.time)):
        return (type(value), value.isoformat(), value.tzinfo)
    return (type(value), str(value))


def sequence(value):
    return (type(value), *[fingerprint(item) for item in value])


def mapping(value):
    return (type(value), *[part for key, item in value.items() for part in (fingerprint(key), fingerprint(item))])


def unordered(value):
    return (type(value), frozenset([fingerprint(item) for item in value]))


def query_part(value):
    """A node, expression, join or query: its class and every attribute compiling reads (not `DERIVED`)."""
    try:
        attributes = vars(value)
    except TypeError:  # no attributes to read (slots): not a part this knows how to write
        raise Unkeyable(type(value)) from None
    return (
        type(value),
        *[part for name, item in attributes.items() if name not in DERIVED for part in (name, fingerprint(item))],
    )


def field(value):
    if hasattr(value, "model"):  # a model's own field: equal only to itself (its model and creation order)
        return (type(value), value)
    return (type(value), fingerprint(value.deconstruct()[1:]))  # made for an expression's type: what it is made of


def unkeyable(value):
    raise Unkeyable(type(value))


def writer(kind):
    """How `fingerprint` writes a value of class `kind`, worked out once per class."""
    if kind in VALUES:
        return plain
    if kind in EXACT_VALUES:
        return exact
    if kind in (tuple, list):
        return sequence
    if kind is dict:
        return mapping
    if kind in (set, frozenset):
        return unordered
    if issubclass(kind, type):
        return lambda value: value
    if issubclass(kind, ForeignObjectRel):
        return plain  # a model's own relation: equal only to itself
    if issubclass(kind, models.Field):
        return field
    if kind is Options:
        return lambda value: (kind, value.model)
    if issubclass(kind, models.Model):
        return lambda value: (kind, record_key(value))
    if issubclass(kind, models.QuerySet):  # a subquery given as a QuerySet: it compiles from its query
        return lambda value: (models.QuerySet, fingerprint(value.query))
    if issubclass(kind, str):  # an enumeration member (`Status.PUBLISHED`): its value, with its class
        return lambda value: (kind, str(value))
    if issubclass(kind, int):
        return lambda value: (kind, int(value))
    if issubclass(kind, tuple):  # a named tuple (a join's path)
        return sequence
    if kind.__module__.startswith(QUERY_PARTS) or issubclass(kind, tree.Node):
        return query_part
    return unkeyable


WRITERS = {}


def record_key(record):
    """A record in a query (a related lookup's value) is written as its primary key, if that is all Django reads."""
    if record.pk is None or not keyed_by_pk(type(record)):
        raise Unkeyable(type(record))
    return fingerprint(record.pk)


@cache
def keyed_by_pk(model):
    """Whether every relation to `model` targets its primary key (Django writes a record in a lookup as the field its
    relation targets: a `to_field` would write another value than the key)."""
    pk = model._meta.pk
    return all(
        getattr(related.field, "target_field", pk) == pk
        for related in model._meta.get_fields(include_hidden=True)
        if related.auto_created and not related.concrete and related.is_relation
    )


def remember(key, entry):
    """Keep a statement, forgetting the oldest beyond `MAX_STATEMENTS` (a lock: the site's threads share them)."""
    with REMEMBERING:
        while len(STATEMENTS) >= MAX_STATEMENTS:
            del STATEMENTS[next(iter(STATEMENTS))]
        STATEMENTS[key] = entry


class RememberedSQL:
    """A compiler's `as_sql`, answered from `STATEMENTS` when the query was compiled before (see the module)."""

    __slots__ = ("compiler",)

    def __init__(self, compiler):
        self.compiler = compiler

    def __call__(self, with_limits=True, with_col_aliases=False):
        compiler = self.compiler
        compile_sql = type(compiler).as_sql
        mode = settings.STATEMENT_CACHE
        if not mode or compiler.query.select_for_update:  # Django checks for a transaction as it compiles one
            return compile_sql(compiler, with_limits, with_col_aliases)
        try:
            key = (
                compiler.connection.alias,
                # a date or time lookup, Trunc or Extract is written in the time zone active for the request
                timezone.get_current_timezone_name() if settings.USE_TZ else None,
                type(compiler),
                compiler.elide_empty,
                with_limits,
                with_col_aliases,
                fingerprint(compiler.query.__dict__),
            )
            entry = STATEMENTS.get(key)
        except Unkeyable:
            return compile_sql(compiler, with_limits, with_col_aliases)
        except Exception:  # a part the writers mistook (unhashable, say): compiled as Django compiles it; tests fail
            if mode == "check":
                raise
            return compile_sql(compiler, with_limits, with_col_aliases)
        if entry is None:
            sql, params = compile_sql(compiler, with_limits, with_col_aliases)
            # What the rows are read with (ModelIterable, results_iter): set by the compilation.
            layout = (
                compiler.select,
                compiler.klass_info,
                compiler.annotation_col_map,
                compiler.col_count,
                compiler.has_extra_select,
            )
            if len(params) <= MAX_PARAMETERS:
                remember(key, (sql, tuple(params), layout))
            return sql, params
        sql, params, layout = entry
        if mode == "check":
            compiled = compile_sql(compiler, with_limits, with_col_aliases)
            # equal and written alike: Decimal("1.0") == Decimal("1.000"), and 0.0 == -0.0
            if (compiled[0], tuple(compiled[1])) != (sql, params) or repr(tuple(compiled[1])) != repr(params):
                raise StatementMismatch(f"Remembered {sql!r} {params!r}, compiled {compiled[0]!r} {compiled[1]!r}")
        (
            compiler.select,
            compiler.klass_info,
            compiler.annotation_col_map,
            compiler.col_count,
            compiler.has_extra_select,
        ) = layout
        return sql, params


class RememberingQuery(Query):
    """A query whose plain SELECT compilers remember their statements (`RememberedSQL`). Its clones are too: their
    key is their own state, so a clone filtered further is another key."""

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        compiler = super().get_compiler(using, connection, elide_empty)
        if not self.subquery and type(compiler) is plain_compiler(compiler.connection):
            compiler.as_sql = RememberedSQL(compiler)
        return compiler


def plain_compiler(connection):
    return connection.ops.compiler("SQLCompiler")


def remember_statements(queryset):
    """Let `queryset`'s query remember its compiled statements (called as it is read: `PublishedQuerySet`)."""
    if type(queryset.query) is Query:
        queryset.query.__class__ = RememberingQuery


@receiver(setting_changed)
def forget_statements(**kwargs):
    STATEMENTS.clear()
