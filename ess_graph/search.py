"""Find structures by what someone types: a name, part of it, or an id.

The app's search boxes send a few letters, not a choice among thousands of names: a
dropdown of every structure sends every name to the browser on each run of the page,
25,000 of them for a network of 25,000 structures. `NameIndex` folds every name once (case and accents aside, as
`ess_graph.schema.normalise_label` does for typed labels), then answers each query with
the best few matches, ranked so that what was typed in full comes first.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

from ess_graph.schema import normalise_label

#: How many matches a query returns by default: enough to scan by eye, few enough to
#: stay a short list on a projector.
MATCH_LIMIT = 50


class NameIndex:
    """Structures' names, folded once, searched many times.

    Parameters
    ----------
    names : mapping
        ``{id: display name}``; an empty name is shown and searched as the id.

    Examples
    --------
    >>> index = NameIndex({"s1": "Ludothèque Le Goéland", "s2": "Goélette FC", "s3": ""})
    >>> index.find("goel")
    ['s2', 's1']
    >>> index.find("S3"), index.find("zzz")
    (['s3'], [])
    """

    def __init__(self, names: Mapping[Hashable, object]) -> None:
        self._ids = list(names)
        self._shown = [str(names[i] or i) for i in self._ids]
        # "_" + folded words + "_": a word starts after "_", a whole word sits between two
        self._folded = ["_" + normalise_label(s) + "_" for s in self._shown]
        self._ids_folded = [str(i).casefold() for i in self._ids]

    def find(self, query: str, *, limit: int | None = MATCH_LIMIT) -> list[Hashable]:
        """Ids of the structures matching `query`, best first, at most `limit`.

        Every word typed must appear in the name (in any order, case and accents aside),
        or the query must be the id itself. Ranks: the id or the whole name typed, then
        names starting with the query's whole words, then names starting with the query,
        then names where every word typed starts a word, then any other match; within a
        rank, by name (case and accents aside), then id.

        Parameters
        ----------
        query : str
            What was typed; blank gives no match.
        limit : int or None
            The most ids returned (None: all).

        Returns
        -------
        list
            Ids of matching structures.

        Examples
        --------
        >>> index = NameIndex({"a": "Élan Breton", "b": "Breizh Élan", "c": "Les Élans"})
        >>> index.find("elan")  # a starts with it; it starts a word of b and c
        ['a', 'b', 'c']
        >>> index.find("breton elan"), index.find("lans")
        (['a'], ['c'])
        >>> NameIndex({"x": "Structure 30", "y": "Structure 3 bis"}).find("structure 3")
        ['y', 'x']
        """
        folded = normalise_label(query)
        if not folded:
            return []
        words = folded.split("_")
        whole = "_" + folded + "_"
        start = "_" + folded
        wanted = query.strip().casefold()
        ranked = []
        for i, name in enumerate(self._folded):
            if self._ids_folded[i] == wanted or name == whole:
                rank = 0
            elif not all(w in name for w in words):
                continue
            elif name.startswith(whole):  # "Structure 3 …" before "Structure 30"
                rank = 1
            elif name.startswith(start):
                rank = 2
            elif all("_" + w in name for w in words):
                rank = 3
            else:
                rank = 4
            ranked.append((rank, name, str(self._ids[i]), i))
        ranked.sort()
        if limit is not None:
            ranked = ranked[:limit]
        return [self._ids[r[3]] for r in ranked]
