"""Suggested points (`reportgen compare … --suggest`): items of different meetings that say similar things.

Each compared item is turned into a TF-IDF vector of its stemmed words (scikit-learn's
TfidfVectorizer; a Snowball stemmer for the meeting's language, so "migrants" and "migrant",
"remesas" and "remesa" count as one word). Two items are as similar as the cosine of their vectors,
scaled by the share of themes they have in common (the themes are a prior: items on no common
theme keep half their similarity, items on the same themes all of it). Items are then grouped by
average-linkage clustering (scikit-learn), and a group becomes a suggested point when it joins
items of at least two meetings whose average similarity reaches the threshold. As a policy analyst
does, an item may then also sit in a second or third point: it joins a point of another group when
its mean similarity to the point reaches the threshold and it is close to one of its items
(LINK), at most ATTACH items a point.

The threshold (THRESHOLD) is set against a policy analyst's alignment of the five meetings
(bench/alignment/five-meetings.yaml; bench/suggest_points.py prints precision and recall): items
that share a word or two but not what they say ("civil society is very sensitive about the flow
and use of remittances" and "civil society plays an essential role in migration governance")
stay below it. Each item is written with its score, its mean similarity to the rest of its group,
for the secretariat to confirm, edit or drop.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from ..render.markup import plain
from ..style.search_path import default_templates_dir
from .items import ItemRef
from .vocabulary import ignored_phrases, phrase_filter

log = logging.getLogger(__name__)

THRESHOLD = 0.1
"""Least average similarity of a group (cosine of TF-IDF vectors, scaled by the theme prior)."""
THEME_WEIGHT = 0.5
"""How much of an item pair's similarity depends on their sharing themes (0: none, 1: all)."""
LINK = 0.2
"""An item joins a point of another group (a second point of its own) when its mean similarity to
the point's items reaches THRESHOLD and its similarity to one of them reaches LINK. 0 disables it."""
ATTACH = 2
"""A point takes at most this many items from other groups (the most similar)."""
MAX_PER_MEETING = 4
"""A suggested point keeps at most this many items of one meeting (the most similar)."""
STEMMERS = {"en": "english", "es": "spanish", "fr": "french", "pt": "portuguese"}
STOP_WORDS = ("en",)
"""Languages whose stop words (scikit-learn's list) are left out before stemming; other languages
rely on the IDF weight of frequent words."""
WORD = re.compile(r"[^\W\d_]+")


@dataclass
class Suggestion:
    """A suggested point: a statement to edit, and its items with their scores, best first."""

    point: str
    items: list[tuple[ItemRef, float]]
    score: float
    keywords: list[str]


def _analyzer(language: str, surface: dict[str, str], ignore: Sequence[str] = ()):  # -> Callable[[str], list[str]]
    """Words of a text, stemmed, without stop words and the `ignore` phrases (templates/suggest/);
    `surface` keeps the first word seen for each stem (to print)."""
    import snowballstemmer
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    stemmer = snowballstemmer.stemmer(STEMMERS.get(language, "english"))
    stop = ENGLISH_STOP_WORDS if language in STOP_WORDS else frozenset()
    kept = phrase_filter(ignore, lambda text: WORD.findall(text.casefold()), stemmer.stemWords)

    def analyse(text: str) -> list[str]:
        words = WORD.findall(text.casefold())
        stems = stemmer.stemWords(words)
        out = [i for i in kept(stems) if len(words[i]) > 2 and words[i] not in stop]
        for i in out:
            surface.setdefault(stems[i], words[i])
        return [stems[i] for i in out]

    return analyse


def item_text(ref: ItemRef) -> str:
    """What an item says, as compared: its lead, its gist and its first paragraph (markup
    removed). Later paragraphs and sub-items are left out: they dilute the point (measured)."""
    parts = [ref.item.lead or "", ref.gist.text, ref.item.text.strip().split("\n\n")[0]]
    return plain(" ".join(p for p in parts if p))


def similarity(refs: Sequence[ItemRef], language: str = "en", theme_weight: float = THEME_WEIGHT,
               ignore: Sequence[str] | None = None) -> tuple[np.ndarray, list[list[str]]]:
    """The items' pairwise similarity (0 to 1), and each item's words of highest weight. `ignore`:
    the phrases left out (default: the packaged templates/suggest/<language>.yaml)."""
    # scikit-learn is imported here, as matplotlib by the chart: only `compare --suggest` needs it
    # (importing it costs about 1.5 s, which every build of a brief would otherwise pay).
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    surface: dict[str, str] = {}
    if ignore is None:
        ignore = ignored_phrases(language, [default_templates_dir()])
    vectorizer = TfidfVectorizer(analyzer=_analyzer(language, surface, ignore), sublinear_tf=True)
    matrix = vectorizer.fit_transform([item_text(r) for r in refs])
    cosine = cosine_similarity(matrix)
    themes = [set(r.themes) for r in refs]
    prior = np.array([[len(a & b) / len(a | b) if a | b else 0.0 for b in themes] for a in themes])
    sim = cosine * (1 - theme_weight + theme_weight * prior)
    vocabulary = vectorizer.get_feature_names_out()
    top = [[surface[vocabulary[j]] for j in np.argsort(-row.toarray()[0])[:3]] for row in matrix]
    return sim, top


def suggest(refs: Sequence[ItemRef], language: str = "en", threshold: float = THRESHOLD,
            theme_weight: float = THEME_WEIGHT, link: float = LINK, ignore: Sequence[str] | None = None) -> list[Suggestion]:
    """Groups of similar items of at least two meetings, most similar first (an item may be in
    more than one: see LINK)."""
    if len(refs) < 2:
        return []
    from sklearn.cluster import AgglomerativeClustering

    sim, top = similarity(refs, language, theme_weight, ignore)
    clusters = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                       distance_threshold=1 - threshold).fit(1 - sim).labels_
    groups = [_trim([i for i, c in enumerate(clusters) if c == label], refs, sim) for label in sorted(set(clusters))]
    groups = [members for members in groups if len({refs[i].meeting.id for i in members}) >= 2]
    if link:
        groups = [sorted(members + _attached(members, sim, threshold, link)) for members in groups]
    out = []
    for members in groups:
        scores = {i: float(np.mean([sim[i, j] for j in members if j != i])) for i in members}
        ranked = sorted(members, key=lambda i: (-scores[i], i))
        mean = float(np.mean([sim[i, j] for i, j in combinations(members, 2)]))
        centre = ranked[0]
        words: list[str] = []
        for i in ranked:
            words += [w for w in top[i] if w not in words]
        out.append(Suggestion(_statement(refs[centre].gist.text), [(refs[i], round(scores[i], 2)) for i in members], round(mean, 2), words[:5]))
    out.sort(key=lambda s: -s.score)
    log.info("%d suggested point(s) from %d items", len(out), len(refs))
    return out


def _statement(gist: str) -> str:
    """The central item's gist as a first wording of the point: markup removed, a capital first,
    a full stop last (the secretariat rewrites it as the question)."""
    text = plain(gist).strip().rstrip(";,:").removesuffix(" and").strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def _trim(members: list[int], refs: Sequence[ItemRef], sim: np.ndarray) -> list[int]:
    """At most MAX_PER_MEETING items of one meeting: those closest to the other meetings' items."""
    by_meeting: dict[str, list[int]] = {}
    for i in members:
        by_meeting.setdefault(refs[i].meeting.id, []).append(i)
    kept = []
    for meeting, own in by_meeting.items():
        others = [j for j in members if refs[j].meeting.id != meeting]
        if len(own) > MAX_PER_MEETING and others:
            own = sorted(own, key=lambda i: -float(np.mean(sim[i, others])))[:MAX_PER_MEETING]
        kept += own
    return sorted(kept)


def _attached(members: list[int], sim: np.ndarray, threshold: float, link: float) -> list[int]:
    """Items of other groups that also belong to this one: their mean similarity to its items
    reaches the threshold and their similarity to one of them reaches `link`; at most ATTACH, the
    most similar first. Measured (bench/suggest_points.py): the analyst puts one item in two
    points often, and this finds those rows without joining items on a single shared word."""
    inside = set(members)
    mean = sim[:, members].mean(axis=1)
    best = sim[:, members].max(axis=1)
    found = [j for j in np.argsort(-mean, kind="stable") if j not in inside and mean[j] >= threshold and best[j] >= link]
    return sorted(int(j) for j in found[:ATTACH])


def same_row_pairs(groups: Sequence[Sequence[str]]) -> set[frozenset[str]]:
    """Every pair of item references that some group puts in the same row."""
    pairs: set[frozenset[str]] = set()
    for group in groups:
        pairs |= {frozenset(p) for p in combinations(sorted(set(group)), 2)}
    return pairs


def precision_recall(suggested: Sequence[Sequence[str]], reference: Sequence[Sequence[str]]) -> tuple[float, float]:
    """Pairwise precision and recall of "same row": of the pairs the suggestion joins, the share
    the reference joins too; of the pairs the reference joins, the share the suggestion finds."""
    got, want = same_row_pairs(suggested), same_row_pairs(reference)
    hit = len(got & want)
    return (hit / len(got) if got else 0.0), (hit / len(want) if want else 0.0)


def _quoted(text: str) -> str:
    return json.dumps(" ".join(text.split()), ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def suggestions_yaml(suggestions: Sequence[Suggestion], command: str, head: str) -> str:
    """The `suggested:` block of a saved brief: per point its first wording, key words and score
    as a comment, then its items with their scores, for the secretariat to edit and confirm."""
    lines = [head, f"# ({command}). While points: is empty the brief prints these, marked as not confirmed.",
             "# To confirm one: edit it (its wording as the question, the role of each item: stating, supporting,",
             "# qualifying or contrasting), then move it under points: (only points: are printed once there are any).",
             f"# Scores: similarity to the rest of the point, 0 to 1 (a point is suggested from {THRESHOLD}).",
             "suggested:" if suggestions else "suggested: []"]
    for s in suggestions:
        lines.append(f"  - point: {_quoted(s.point)}  # {s.score:.2f}; {', '.join(s.keywords)}")
        lines.append("    items:")
        for ref, score in s.items:
            lines.append(f"      - {{item: {_quoted(ref.reference)}, role: stating, score: {score:.2f}}}")
    return "\n".join(lines) + "\n"
