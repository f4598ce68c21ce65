"""Keep each addon's translation template (i18n/<addon>.pot) in step with its Indonesian
translation (i18n/id.po).

Odoo merges the .pot into the .po when it loads a language, and a .po entry the .pot
lacks comes out obsolete: its translation is silently dropped.  Run after adding
translations (`make pot`); `--check` only reports (tests/test_translations.py uses it).
"""

import glob
import os
import sys

import polib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def pairs():
    for po_path in sorted(
        glob.glob(os.path.join(REPO, "addons", "*", "i18n", "id.po"))
    ):
        addon = os.path.basename(os.path.dirname(os.path.dirname(po_path)))
        yield addon, po_path, os.path.join(os.path.dirname(po_path), f"{addon}.pot")


def missing_from_template(po, pot):
    known = {(entry.msgctxt, entry.msgid) for entry in pot}
    return [
        entry
        for entry in po
        if not entry.obsolete and (entry.msgctxt, entry.msgid) not in known
    ]


def widen_template(po, pot):
    """Give each .pot entry the places (``#:``) and kinds (``#.`` such as
    odoo-javascript) its id.po entry names: Odoo reads them from the .pot, so a term
    of the web client missing its code place there is never translated.  Returns
    the entries widened."""
    by_key = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
    widened = []
    for entry in pot:
        source = by_key.get((entry.msgctxt, entry.msgid))
        if entry.obsolete or source is None:
            continue
        places = entry.occurrences + [
            o for o in source.occurrences if o not in entry.occurrences
        ]
        lines = (entry.comment or "").splitlines()
        comment = "\n".join(
            lines + [c for c in (source.comment or "").splitlines() if c not in lines]
        )
        flags = entry.flags + [f for f in source.flags if f not in entry.flags]
        if (places, comment, flags) != (
            entry.occurrences,
            entry.comment or "",
            entry.flags,
        ):
            entry.occurrences, entry.comment, entry.flags = places, comment, flags
            widened.append(entry)
    return widened


def drop_duplicates(catalog):
    """Remove repeated entries (a union merge of two branches can leave them), the
    first keeping the places of all; True if any was removed."""
    seen, repeated = {}, []
    for entry in catalog:
        key = (entry.msgctxt, entry.msgid)
        first = seen.get(key)
        if first is not None and not entry.obsolete:
            # keep the places the repeat names: each is a term Odoo translates
            first.occurrences += [
                o for o in entry.occurrences if o not in first.occurrences
            ]
            repeated.append(entry)
        elif not entry.obsolete:
            seen[key] = entry
    for entry in repeated:
        catalog.remove(entry)
    return bool(repeated)


def mark_module(catalog, addon):
    """Give every entry the `#. module:` comment Odoo reads its module from (it fails
    on an entry without one); True if any was missing."""
    unmarked = [
        e for e in catalog if not e.obsolete and "module:" not in (e.comment or "")
    ]
    for entry in unmarked:
        entry.comment = "\n".join(filter(None, [f"module: {addon}", entry.comment]))
    return bool(unmarked)


def main(check=False):
    problems = []
    for addon, po_path, pot_path in pairs():
        po = polib.pofile(po_path, wrapwidth=78)
        pot = polib.pofile(pot_path, wrapwidth=78) if os.path.exists(pot_path) else None
        if pot is None:
            problems.append(f"{addon}: no {os.path.basename(pot_path)}")
            continue
        for catalog, path in ((po, po_path), (pot, pot_path)):
            for mend, what in (
                (drop_duplicates, "repeated entries"),
                (
                    lambda c, addon=addon: mark_module(c, addon),
                    "entries without `#. module:`",
                ),
            ):
                if mend(catalog):
                    if check:
                        problems.append(f"{addon}: {what} in {path}")
                    else:
                        catalog.save(path)
                        print(f"{addon}: {what} mended in {path}")
        missing = missing_from_template(po, pot)
        untranslated = [e.msgid for e in po if not e.obsolete and not e.msgstr]
        problems += [f"{addon}: not translated: {msgid!r}" for msgid in untranslated]
        widened = widen_template(po, pot)
        if check:
            problems += [f"{addon}: not in the .pot: {e.msgid!r}" for e in missing]
            problems += [
                f"{addon}: the .pot lacks places of {e.msgid!r}" for e in widened
            ]
            continue
        for entry in missing:
            pot.append(
                polib.POEntry(
                    msgid=entry.msgid,
                    msgctxt=entry.msgctxt,
                    msgstr="",
                    occurrences=entry.occurrences,
                    comment=entry.comment,
                    flags=entry.flags,
                )
            )
        if missing or widened:
            pot.save(pot_path)
            print(
                f"{addon}: {len(missing)} entries added to the .pot, "
                f"{len(widened)} given their places"
            )
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(check="--check" in sys.argv))
