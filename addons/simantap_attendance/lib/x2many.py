"""What a list of x2many commands (``fields.Command``, or the tuples a JSON-RPC
client sends) does to a many2many: the ids it links, unlinks and deletes, and the
records it creates or updates in passing.

Only the standard library is imported; nothing here knows Odoo.
"""

from dataclasses import dataclass, field

CREATE, UPDATE, DELETE, UNLINK, LINK, CLEAR, SET = range(7)


@dataclass
class Changes:
    linked: set = field(default_factory=set)  # ids added to the relation
    unlinked: set = field(default_factory=set)  # ids taken out of it
    deleted: set = field(default_factory=set)  # ids deleted outright
    written: bool = False  # a command creates or updates a target record


def changes(commands, current_ids=()):
    """The :class:`Changes` ``commands`` make to a relation holding
    ``current_ids``; a plain list of ids replaces the relation, as Odoo reads it.
    Raises ValueError on a command that is not one."""
    current = set(current_ids)
    result = Changes()
    if not commands:
        return result
    if all(isinstance(c, int) for c in commands):
        commands = [(SET, 0, list(commands))]
    for command in commands:
        if isinstance(command, int):  # a plain id among commands: a link
            command = (LINK, command)
        if not isinstance(command, (list, tuple)) or not command:
            raise ValueError(f"not an x2many command: {command!r}")
        kind = command[0]
        if kind in (CREATE, UPDATE):
            result.written = True
            continue
        if kind == CLEAR:
            result.unlinked |= current
            current = set()
            continue
        if kind == SET:
            ids = {int(i) for i in (command[2] if len(command) > 2 else ()) or ()}
            result.unlinked |= current - ids
            result.linked |= ids - current
            current = ids
            continue
        if len(command) < 2:
            raise ValueError(f"not an x2many command: {command!r}")
        target = int(command[1])
        if kind == LINK:
            if target not in current:
                result.linked.add(target)
            current.add(target)
        elif kind == UNLINK:
            result.unlinked.add(target)
            current.discard(target)
        elif kind == DELETE:
            result.deleted.add(target)
            current.discard(target)
        else:
            raise ValueError(f"not an x2many command: {command!r}")
    result.linked -= result.deleted
    return result
