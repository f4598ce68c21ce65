"""Amounts in rupiah written in Indonesian words (terbilang), as on a signed list
of payments: ``825000`` -> ``Delapan ratus dua puluh lima ribu rupiah``.  Pure: no
ORM."""

from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words


def terbilang(amount):
    """The whole rupiah of ``amount`` (rounded half up) in Indonesian words, with
    the currency; a negative amount starts with ``Minus``."""
    rupiah = int(Decimal(str(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    words = num2words(abs(rupiah), lang="id")
    if rupiah < 0:
        words = f"minus {words}"
    return f"{words} rupiah"[0].upper() + f"{words} rupiah"[1:]


def rupiah(amount):
    """``5000000`` -> ``5.000.000``: whole rupiah with Indonesian thousands dots."""
    whole = int(Decimal(str(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return f"{whole:,}".replace(",", ".")


def percent(value):
    """``38.75`` -> ``38,75``: two decimals with the Indonesian decimal comma."""
    return f"{value:.2f}".replace(".", ",")
