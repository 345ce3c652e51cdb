"""Django's SQLite backend (`ENGINE: core.backends.sqlite3`, set by the settings for a sqlite:// DATABASE_URL), reading
each distinct timestamp once.

SQLite keeps a timestamp as text, which Django parses for every value read: the driver's converter (`parse_datetime`,
registered by Django's backend for "datetime" columns), then the backend's (`make_aware` in the connection's time
zone). Every record has two (`created_at`, `modified_at`), and the records loaded from a report share the report's
date, so an uncached country profile read the same few strings some 1,500 times. Here a string read before gives
the same datetime back (a datetime cannot change, so rows may share one). PostgreSQL hands timestamps over already
parsed (psycopg, in C).
"""

import datetime
from functools import lru_cache

from django.db.backends.sqlite3 import base, operations
from django.utils import timezone
from django.utils.dateparse import parse_datetime

# Distinct timestamps remembered per process: a page's worth many times over, a few megabytes at most.
REMEMBERED_TIMESTAMPS = 8192


@lru_cache(maxsize=REMEMBERED_TIMESTAMPS)
def stored_datetime(raw):
    """The driver's reading of a "datetime" column (Django's `decoder(parse_datetime)`), remembered."""
    return parse_datetime(raw.decode())


# The driver's converters are the sqlite3 module's, for every connection: Django's backend registers its own when
# imported (above), and this replaces the two that read timestamps with the same reading, remembered.
base.Database.register_converter("datetime", stored_datetime)
base.Database.register_converter("timestamp", stored_datetime)


@lru_cache(maxsize=REMEMBERED_TIMESTAMPS)
def aware_datetime(value, zone):
    """A naive stored timestamp in the connection's time zone (`timezone.make_aware`), remembered."""
    return timezone.make_aware(value, zone)


class DatabaseOperations(operations.DatabaseOperations):
    def convert_datetimefield_value(self, value, expression, connection):
        """Django's conversion (`make_aware` when USE_TZ), the same datetime for the same stored value. The connection's
        time zone is None without USE_TZ (Django's `DatabaseWrapper.timezone`, reset when the setting changes): one
        read of it, where reading the setting itself cost a microsecond per value."""
        if type(value) is datetime.datetime and value.tzinfo is None:
            zone = self.connection.timezone
            if zone is not None:
                return aware_datetime(value, zone)
        return super().convert_datetimefield_value(value, expression, connection)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
