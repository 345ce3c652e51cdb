"""Small rules about change history that the admin base and the editorial app share.

simple-history keeps a reason per version in a 100-character column; every save touches the timestamps,
which are therefore never "what changed".
"""

REASON_MAX_LENGTH = 100  # simple-history's history_change_reason is a CharField(max_length=100)
TIMESTAMP_FIELDS = ("created_at", "modified_at")
# Bookkeeping, not content: a change to these alone is not a change a reader should hear about.
BOOKKEEPING_FIELDS = (*TIMESTAMP_FIELDS, "publication_status")


def truncate_reason(reason):
    reason = " ".join((reason or "").split())
    return reason if len(reason) <= REASON_MAX_LENGTH else reason[: REASON_MAX_LENGTH - 1] + "…"
