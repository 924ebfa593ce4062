"""List markers as printed before an item: (iii), c), 3., (3), 3) — the same for the briefs' item
references and the redline's list of changes."""

from __future__ import annotations


def _roman(number: int) -> str:
    out = ""
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out += digits
            number -= value
    return out


def _letters(number: int) -> str:
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def list_marker(style: str, number: int) -> str:
    """The marker printed before item `number` of a list in `style`: (iii), c), 3., (3), 3)."""
    if style in ("(i)", "i)"):
        core = _roman(number)
    elif style in ("(a)", "a)", "a."):
        core = _letters(number)
    else:
        core = str(number)
    return style.replace({"(i)": "i", "i)": "i", "(a)": "a", "a)": "a", "a.": "a"}.get(style, "1"), core, 1)
