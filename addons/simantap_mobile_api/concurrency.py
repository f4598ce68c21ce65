"""Concurrent duplicates: two requests of one phone at once (a retry sent before
the first answer came back, a resent offline queue) that insert the same unique
thing.  The second insert waits for the first transaction, then hits the unique
index; its snapshot cannot see the row that won.  Raising a serialization failure
instead makes Odoo run the whole request again in a fresh transaction, where it is
answered like a sequential replay (the document the first one created)."""

from psycopg2 import errorcodes, errors


def retry_on_duplicate(exc, constraints):
    """A serialization failure to raise ``from exc`` when ``exc`` is a unique
    violation of one of ``constraints`` (index or constraint names), else None."""
    if not isinstance(exc, errors.UniqueViolation):
        return None
    if getattr(exc.diag, "constraint_name", None) not in constraints:
        return None
    retry = errors.SerializationFailure()
    retry.__setstate__({"pgcode": errorcodes.SERIALIZATION_FAILURE})
    return retry
