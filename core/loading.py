"""Rows read from the database become model instances without `Model.__init__`'s general path.

Django builds every row through `cls(*values)`: the `pre_init` and `post_init` signals, then a `setattr` per field,
which for a foreign key's column goes through its descriptor (`ForeignKeyDeferredAttribute.__set__`, which on a new
instance only stores the value). An uncached country profile builds some 760 instances, and their `__init__` was
about a twentieth of its time (cProfile). `DirectFromDb.from_db` stores the values as `__init__` would have stored
them, in the same order, when nothing could tell the difference: every column read (no deferred field), no receiver
of either signal (for any model), no `__init__` or `__setattr__` but Django's, and no field whose attribute is a
data descriptor other than a foreign key's column. Anything else goes through Django's `from_db`.
"""

import inspect
from functools import cache

from django.db import models
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.signals import post_init, pre_init


@cache
def stored_names(cls):
    """The attribute names `Model.__init__` stores a row's values under, in order; None if it would do more than
    store them: an `__init__` or `__setattr__` anywhere in the class's inheritance but Django's `Model` (a mixin
    after `Model` runs through its `super().__init__()`), or a field attribute with a setter of its own."""
    for klass in cls.__mro__:
        if klass not in (models.Model, object) and ("__init__" in vars(klass) or "__setattr__" in vars(klass)):
            return None
    names = []
    for field in cls._meta.concrete_fields:
        attribute = inspect.getattr_static(cls, field.attname, None)
        if hasattr(type(attribute), "__set__") and type(attribute) is not ForeignKeyDeferredAttribute:
            return None
        names.append(field.attname)
    return tuple(names)


class DirectFromDb(models.Model):
    """See the module's docstring."""

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        names = stored_names(cls)
        # Any receiver of either signal, for whichever model, sends every row through Django (none is connected now).
        if names is None or len(values) != len(names) or pre_init.receivers or post_init.receivers:
            return super().from_db(db, field_names, values)
        new = cls.__new__(cls)
        attributes = new.__dict__
        state = attributes["_state"] = ModelState()
        attributes.update(zip(names, values, strict=True))
        state.adding = False
        state.db = db
        return new
