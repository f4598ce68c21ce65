"""Bulk loading with PostgreSQL's COPY (the bulk path PostgreSQL offers; Odoo
uses it too): rows of plain values as COPY text, sent in chunks.

No ORM here: the caller passes its cursor and names a table and columns of its own
(constants of the calling module, never user input)."""

import io

import psycopg2.extensions

# COPY text format: a backslash, a tab or a line end inside a value is escaped
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_line(row):
    """One row as a line of COPY text: None is NULL, text is escaped, anything
    else is written as ``str`` gives it (numbers, Decimals, dates)."""
    return "\t".join(
        [  # inline rather than a call per value: it runs for 300 000 rows
            "\\N"
            if value is None
            else value.translate(_ESCAPES)
            if value.__class__ is str
            else str(value)
            for value in row
        ]
    )


def copy_rows(cr, table, columns, rows, chunk=50000):
    """Load ``rows`` (tuples in the order of ``columns``) into ``table`` with COPY,
    ``chunk`` rows at a time."""
    callback = psycopg2.extensions.get_wait_callback()
    psycopg2.extensions.set_wait_callback(None)
    try:
        buffer = []
        for row in rows:
            buffer.append(copy_line(row))
            if len(buffer) >= chunk:
                cr.copy_from(io.StringIO("\n".join(buffer)), table, columns=columns)
                buffer = []
        if buffer:
            cr.copy_from(io.StringIO("\n".join(buffer)), table, columns=columns)
    finally:
        psycopg2.extensions.set_wait_callback(callback)
