"""The sentence splitter behind gists: a gist is never cut inside a sentence."""

from __future__ import annotations

import pytest

from reportgen.content.schema import ListItem
from reportgen.render.sentences import first_sentence, gist, needs_gist, sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("See para. 12 of the report. It was adopted.", ["See para. 12 of the report.", "It was adopted."]),
        ("The U.S. delegation spoke. Mexico replied.", ["The U.S. delegation spoke.", "Mexico replied."]),
        ("Some States, e.g. Chile, agreed. Others did not.", ["Some States, e.g. Chile, agreed.", "Others did not."]),
        ("Resolution No. 3 was adopted. The session closed.", ["Resolution No. 3 was adopted.", "The session closed."]),
        ("Jorge A. Bustamante opened the meeting. He spoke.", ["Jorge A. Bustamante opened the meeting.", "He spoke."]),
        ("He said “It is time.” The chair agreed.", ["He said “It is time.”", "The chair agreed."]),
        ("Costs fell (to 5 per cent.) Remittances rose.", ["Costs fell (to 5 per cent.)", "Remittances rose."]),
        ("Was it adopted? Yes! ¿Por qué? Porque sí.", ["Was it adopted?", "Yes!", "¿Por qué?", "Porque sí."]),
        ("EE.UU. y México. La Sra. Pérez habló.", ["EE.UU. y México.", "La Sra. Pérez habló."]),
        ("flows of 3.5 million, i.e. most of them. done", ["flows of 3.5 million, i.e. most of them. done"]),
        ("  One line\n  over two.  ", ["One line over two."]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_first_sentence_is_of_the_first_paragraph() -> None:
    assert first_sentence("First part, no stop\n\nSecond paragraph. More.") == "First part, no stop"


def test_gist_prefers_the_written_gist_and_says_what_was_left_out() -> None:
    item = ListItem(text="Remittances are private resources. They are no cure.")
    assert gist(item).text == "Remittances are private resources." and gist(item).shortened and needs_gist(item)
    written = ListItem(text=item.text, gist="Remittances are no substitute for policy.")
    assert gist(written).text == "Remittances are no substitute for policy." and gist(written).written
    assert not needs_gist(written)
    whole = ListItem(text="One sentence only.")
    assert not gist(whole).shortened and not needs_gist(whole)
