"""Time intervals as sorted lists of ``(start, stop)`` pairs (naive UTC datetimes in
Simantap): the one place where working time, leave, duty and presence windows are
combined.  Pure: no ORM.  Extra items of an input tuple (``(start, stop, code)``)
are ignored; results are plain, sorted pairs."""


def _pairs(intervals):
    return sorted((start, stop) for start, stop, *_rest in intervals if start < stop)


def union(intervals):
    """The intervals merged where they overlap or touch."""
    result = []
    for start, stop in _pairs(intervals):
        if result and start <= result[-1][1]:
            if stop > result[-1][1]:
                result[-1] = (result[-1][0], stop)
            continue
        result.append((start, stop))
    return result


def intersect(first, second):
    """The time that lies in both ``first`` and ``second``."""
    result = []
    for a_start, a_stop in _pairs(first):
        for b_start, b_stop in _pairs(second):
            start, stop = max(a_start, b_start), min(a_stop, b_stop)
            if start < stop:
                result.append((start, stop))
    return sorted(result)


def subtract(intervals, holes):
    """``intervals`` less ``holes``."""
    result = _pairs(intervals)
    for hole_start, hole_stop in _pairs(holes):
        cut = []
        for start, stop in result:
            if hole_stop <= start or stop <= hole_start:
                cut.append((start, stop))
                continue
            if start < hole_start:
                cut.append((start, hole_start))
            if hole_stop < stop:
                cut.append((hole_stop, stop))
        result = cut
    return result
