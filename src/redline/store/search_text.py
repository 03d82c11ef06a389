"""Full-text search: the query a reader types, read once and written for each backend.

The syntax is the one web search engines taught everybody:

- ``troops russia``: sentences with both words (in any order);
- ``"ten thousand soldiers"``: the words in that order;
- ``missile OR drones``: either one;
- ``-denied``: leaves out sentences with the word (only beside a word that must be there);
- ``sanction*``: words that start with it (sanction, sanctions, sanctioned).

Case, accents and punctuation do not matter, and words are compared by their stem
("troops" finds "troop"): SQLite reads the text through FTS5's ``porter unicode61``
tokenizer, PostgreSQL through the ``redline`` text search configuration (English
Snowball stems, no stop words), both set up by migration 0014. The query is parsed here,
never by the database, so a malformed one is a clear ``InputError``, never a syntax error
from SQL, and both backends read the same query the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from redline.errors import InputError

#: The PostgreSQL text search configuration of the search vectors.
PG_CONFIG = "redline"
#: Longest query read, and most terms in it: enough for any search a person types.
MAX_QUERY_CHARS = 500
MAX_TERMS = 32

SYNTAX = ('words (all must be there), "a phrase", OR between alternatives, -word to leave '
          "a word out, word* for words starting so")
_WORD = re.compile(r"[^\W_]+")
_TERM = re.compile(r'(-?)"([^"]*)"(\*?)|(\S+)')


@dataclass(frozen=True)
class Term:
    """One word or phrase of a query: its words, in order."""

    words: tuple[str, ...]
    prefix: bool = False  # the last word is a prefix
    negated: bool = False


@dataclass(frozen=True)
class TextQuery:
    """A parsed query: every clause must match (a clause is alternatives joined by OR);
    no ``excluded`` term may."""

    clauses: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()


def _bad(field: str, raw: str, why: str) -> InputError:
    return InputError(field, f"{raw!r} {why}; a search takes {SYNTAX}")


def parse(raw: str, field: str = "text") -> TextQuery:
    """Read a query in the syntax above; ``InputError`` names what is wrong with it."""
    if len(raw) > MAX_QUERY_CHARS:
        raise InputError(field, f"is {len(raw):,} characters long; a search takes at most "
                         f"{MAX_QUERY_CHARS}")
    if raw.count('"') % 2:
        raise _bad(field, raw, "has a quotation mark that is never closed")
    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    pending_or = False
    for match in _TERM.finditer(raw):
        negated, quoted, star, bare = match.groups()
        if bare == "OR":
            if not clauses or pending_or:
                raise _bad(field, raw, "has an OR with nothing before it")
            pending_or = True
            continue
        term = _quoted(quoted, negated, star) if bare is None else _bare(bare, field, raw)
        if term is None:
            continue  # punctuation alone: no word to look for
        if term.negated:
            if pending_or:
                raise _bad(field, raw, "has OR before a left-out word")
            excluded.append(term)
        elif pending_or:
            clauses[-1].append(term)
            pending_or = False
        else:
            clauses.append([term])
    if pending_or:
        raise _bad(field, raw, "ends with OR")
    if not clauses:
        why = "leaves words out but names none to look for" if excluded else \
            "has no word to look for"
        raise _bad(field, raw, why)
    if sum(map(len, clauses)) + len(excluded) > MAX_TERMS:
        raise InputError(field, f"has more than {MAX_TERMS} words and phrases; give fewer")
    return TextQuery(tuple(tuple(c) for c in clauses), tuple(excluded))


def _quoted(text: str, negated: str, star: str) -> Term | None:
    words = tuple(w.lower() for w in _WORD.findall(text))
    return Term(words, bool(star), bool(negated)) if words else None


def _bare(text: str, field: str, raw: str) -> Term | None:
    negated = text.startswith("-") and len(text) > 1
    body = text[1:] if negated else text
    prefix = body.endswith("*")
    if "*" in body.rstrip("*") or body.endswith("**"):
        raise _bad(field, raw, "has a * that does not end a word")
    words = tuple(w.lower() for w in _WORD.findall(body.rstrip("*")))
    if not words:
        if prefix:
            raise _bad(field, raw, "has a * that does not end a word")
        return None
    return Term(words, prefix, negated)


def phrase(raw: str, field: str) -> TextQuery | None:
    """A name as one phrase whose last word may be a prefix ("north kor" finds North
    Korea, North Korean): how actor and speaker names are looked up. None without words."""
    words = tuple(w.lower() for w in _WORD.findall(raw))
    if not words:
        return None
    if len(words) > MAX_TERMS:
        raise InputError(field, f"has more than {MAX_TERMS} words; give fewer")
    return TextQuery(((Term(words, prefix=True),),))


# -- SQLite FTS5 ------------------------------------------------------------------------

def _fts5_term(term: Term) -> str:
    # Words are letters and digits only, so a quoted string needs no escaping.
    return f'"{" ".join(term.words)}"' + (" *" if term.prefix else "")


def fts5(query: TextQuery, column: str | None = None) -> str:
    """The FTS5 MATCH expression of ``query``, limited to ``column`` when given."""
    positive = " AND ".join("(" + " OR ".join(map(_fts5_term, clause)) + ")"
                            for clause in query.clauses)
    expression = f"({positive})" + "".join(f" NOT {_fts5_term(t)}" for t in query.excluded)
    return f"{{{column}}} : ({expression})" if column else expression


# -- PostgreSQL tsquery -----------------------------------------------------------------

def tsquery(query: TextQuery, weight: str = "") -> str:
    """The ``to_tsquery`` text of ``query`` (for the ``redline`` configuration, which
    stems each quoted word), limited to the ``weight`` (A, B) of one column when given."""
    def term(t: Term) -> str:
        last = len(t.words) - 1
        words = [f"'{word}'" + _label(t.prefix and n == last, weight)
                 for n, word in enumerate(t.words)]
        return "(" + " <-> ".join(words) + ")"

    positive = " & ".join("(" + " | ".join(map(term, clause)) + ")" for clause in query.clauses)
    return positive + "".join(f" & !{term(t)}" for t in query.excluded)


def _label(prefix: bool, weight: str) -> str:
    marks = ("*" if prefix else "") + weight
    return f":{marks}" if marks else ""
