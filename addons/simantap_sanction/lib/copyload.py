"""Bulk loading with PostgreSQL's COPY (the bulk path PostgreSQL offers; Odoo
uses it too): rows of plain values as COPY text, sent in chunks.

While PostgreSQL inserts a chunk (and checks its foreign keys, row by row, at the
end of the statement), the caller may already prepare the next one: a
:class:`Loader` sends its chunks from one worker thread, in order, on the caller's
cursor, so that the database's work and the caller's overlap on two cores.

No ORM here: the caller passes its cursor and names a table and columns of its own
(constants of the calling module, never user input)."""

import io
from concurrent.futures import ThreadPoolExecutor

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


class Loader:
    """COPY statements sent in the background, in the order they were given::

        with Loader(cr) as loader:
            loader.send("table", ("a", "b"), rows)  # returns once rows are text
            ...                                     # prepare the next chunk
        # every chunk is loaded here, or the first error is raised

    Until the ``with`` block ends, the cursor belongs to the loader: the caller
    must not use it.  After an error, the chunks still queued are not sent."""

    def __init__(self, cr):
        self._cr = cr
        self._executor = None
        self._callback = None
        self._error = None  # the first refused chunk's; later chunks are skipped

    def __enter__(self):
        # a wait callback (gevent's) makes psycopg2 refuse COPY: none while loading
        self._callback = psycopg2.extensions.get_wait_callback()
        psycopg2.extensions.set_wait_callback(None)
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="simantap-copy")
        return self

    def send(self, table, columns, rows):
        """Queue the COPY of ``rows`` (tuples in the order of ``columns``) into
        ``table``; the rows are turned into text before this returns.  Raises
        the error of an earlier chunk that PostgreSQL refused."""
        text = "\n".join([copy_line(row) for row in rows])
        if self._error:
            raise self._error
        if text:
            self._executor.submit(self._copy, table, columns, text)

    def _copy(self, table, columns, text):
        if self._error:
            return  # the transaction is aborted: nothing more is sent
        try:
            # the whole chunk in one read: the thread needs the GIL only briefly
            self._cr.copy_from(
                io.StringIO(text), table, columns=columns, size=len(text) + 1
            )
        except Exception as error:  # raised in the caller's thread
            self._error = error

    def __exit__(self, exc_type, exc, traceback):
        try:
            self._executor.shutdown(wait=True)
        finally:
            psycopg2.extensions.set_wait_callback(self._callback)
        if exc_type is None and self._error:
            raise self._error
        return False
