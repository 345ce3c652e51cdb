"""Database upkeep after bulk loads."""

from django.db import DEFAULT_DB_ALIAS, connections


def analyze(using=DEFAULT_DB_ALIAS):
    """Refresh the query planner's statistics (`ANALYZE`, on SQLite and PostgreSQL) after a bulk load.

    Why: without statistics SQLite takes any usable index. After loading 200 synthetic countries it drove the
    profile's prefetch of the laws a news item cites through the index on `publication_status`, which every
    published law shares (20,000 rows), instead of the link table: 133 ms for a query that takes 1 ms once
    the planner knows the data. PostgreSQL's autovacuum analyzes too, but not necessarily before the first
    readers arrive.
    """
    connection = connections[using]
    if connection.vendor in ("sqlite", "postgresql"):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
