"""Utterances become statements: sentences, pauses in word timings, and their times."""

from __future__ import annotations

import pytest

from highlights.models import Transcript, Utterance, Word
from highlights.tagging.sentences import Chunk, clean_text, utterance_chunks
from highlights.tagging.tagger import Tagger


def timed(text: str, start_ms: int, gaps: dict[int, int] | None = None) -> Utterance:
    """An utterance whose words last 300 ms with 50 ms between them, plus extra gaps."""
    words = []
    t = start_ms
    for i, w in enumerate(text.split()):
        t += (gaps or {}).get(i, 0)
        words.append(Word(w, t, t + 300))
        t += 350
    return Utterance("Ana", start_ms, t, text, tuple(words))


def test_sentences_of_one_utterance(tagger: Tagger) -> None:
    u = Utterance("Ana", 1000, 9000, "I'll send the plan. Can you review it? Thanks.")
    statements = tagger.tag(Transcript("t", "test", (u,)))
    assert [s.text for s in statements] == ["I'll send the plan.", "Can you review it?", "Thanks."]
    assert [s.index for s in statements] == [0, 1, 2]
    assert {s.utterance_index for s in statements} == {0}


def test_pause_splits_unpunctuated_words(tagger: Tagger) -> None:
    u = timed("we will go with postgres I am blocked on access", 10_000, gaps={5: 2000})
    statements = tagger.tag(Transcript("t", "asr", (u,)))
    assert [s.text for s in statements] == ["we will go with postgres", "I am blocked on access"]
    assert [s.labels for s in statements] == [("DECISION",), ("BLOCKER",)]
    first, second = statements
    assert (first.start_ms, first.end_ms) == (u.words[0].start_ms, u.words[4].end_ms)
    assert (second.start_ms, second.end_ms) == (u.words[5].start_ms, u.words[-1].end_ms)


def test_short_gap_does_not_split(tagger: Tagger) -> None:
    u = timed("we will go with postgres for now", 0, gaps={3: 1100})
    assert len(tagger.tag(Transcript("t", "asr", (u,)))) == 1


def test_pause_threshold_is_a_setting() -> None:
    u = timed("we will go with postgres for now", 0, gaps={3: 600})
    assert len(utterance_chunks(0, u, 500)) == 2
    assert len(utterance_chunks(0, u, 1200)) == 1


def test_statement_times_lie_within_their_utterance(tagger: Tagger) -> None:
    utterances = (
        Utterance("Ana", 0, 4000, "Morning. I'll send the plan by Friday. See you."),
        Utterance("Ben", 4000, 4000, "Ok. Fine."),
        timed("I am blocked on access <pause> um we should ship by Friday", 5000, {6: 1500}),
        Utterance("Ana", 20_000, 19_000, "End before start. Still fine."),
    )
    statements = tagger.tag(Transcript("t", "test", utterances))
    for s in statements:
        u = utterances[s.utterance_index]
        assert u.start_ms <= s.start_ms <= s.end_ms <= max(u.end_ms, u.start_ms), s
    starts = [s.start_ms for s in statements if s.utterance_index == 0]
    assert starts == sorted(starts) and starts[0] == 0


def test_times_spread_over_characters_without_word_timings() -> None:
    chunk = Chunk(0, "Ana", "aaaa bbbb", 1000, 1900)
    assert chunk.times(0, 4) == (1000, 1400)
    assert chunk.times(5, 9) == (1500, 1900)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Um , the <disfmarker> the main thing", "the main thing"),
        ("i'll i'll send it, I I think", "i'll send it, I think"),
        ("so, uh, I'll send it {vocalsound} tomorrow", "so, I'll send it tomorrow"),
        ("<vocalsound> [laughter] .", ""),
        ("mm-hmm , uh-huh , oh I see", "mm-hmm , uh-huh , oh I see"),
        ("Hmm. Erm, umm, we'll go with it", "we'll go with it"),
        ("Okay. Um. Fine.", "Okay. Fine."),
        ("I’ll   send   it", "I'll send it"),
        ("the &lt;disfmarker&gt; plan, AT&amp;T", "the plan, AT&T"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_statement_without_words_is_dropped(tagger: Tagger) -> None:
    utterances = (Utterance("Ana", 0, 500, "<vocalsound> um ."), Utterance("Ben", 500, 900, "Yes."))
    statements = tagger.tag(Transcript("t", "test", utterances))
    assert [(s.index, s.utterance_index, s.text) for s in statements] == [(0, 1, "Yes.")]


def test_repeated_word_with_timings_is_kept_once(tagger: Tagger) -> None:
    u = timed("I'll I'll send the the plan", 0)
    (statement,) = tagger.tag(Transcript("t", "asr", (u,)))
    assert statement.text == "I'll send the plan"
    assert statement.labels == ("ACTION",)
    assert (statement.start_ms, statement.end_ms) == (u.words[0].start_ms, u.words[-1].end_ms)
    chunk = utterance_chunks(0, u, 1200)[0]
    assert [chunk.text[s:e] for s, e, _, _ in chunk.words] == ["I'll", "send", "the", "plan"]
    assert chunk.words[0][3] == u.words[1].end_ms
