"""Dates and percentages written the way the reader's language writes them (chatter
lines, workbooks): 2 November 2026 and 87,2% in Indonesian, not 2026-11-02 and 87.2%."""

from odoo.tools.misc import format_date, formatLang


def workbook_env(env):
    """The environment of the regency's workbooks (Indonesian headers): in Indonesian
    when it is installed, else in the current language."""
    lang = "id_ID" if env["res.lang"]._lang_get("id_ID") else env.lang
    return env(context=dict(env.context, lang=lang))


def date_text(env, day):
    """``day`` in the long form of ``env``'s language (2 November 2026)."""
    return format_date(env, day, date_format="d MMMM y") if day else ""


def percent_text(env, value, digits=1):
    """``value`` (a percentage) with ``env``'s decimal separator and a % sign."""
    return f"{formatLang(env, value or 0.0, digits=digits)}%"
