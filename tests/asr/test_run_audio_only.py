"""``highlights run`` on a meeting folder holding only a recording and markers: transcribed
offline, only around the markers, with the machine transcript kept beside the outputs."""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner, Result

from highlights.asr import base
from highlights.asr.transcribe import write_vtt
from highlights.cli import cli
from highlights.ingest.meeting import meeting_from_folder
from highlights.ingest.transcripts import read_transcript
from highlights.models import Transcript, Utterance
from highlights.runner import process_meeting


def _no_network(*args: Any, **kwargs: Any) -> None:
    raise AssertionError("network access attempted")


@pytest.fixture(scope="module")
def audio_only(tmp_path_factory: pytest.TempPathFactory, fixtures_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("inbox") / "dana-1on1"
    folder.mkdir()
    for name in ("meeting.mp3", "meeting.markers.txt"):
        shutil.copy(fixtures_dir / "sample" / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def run(
    audio_only: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Result, Path]]:
    site = tmp_path_factory.mktemp("site")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", _no_network)
        mp.setattr(socket, "create_connection", _no_network)
        result = CliRunner().invoke(cli, ["run", str(audio_only), "--out", str(site)])
    yield result, site / audio_only.name


def test_run_audio_only_makes_clips_with_machine_transcribed_tagged_excerpts(
    run: tuple[Result, Path],
) -> None:
    result, folder = run
    assert result.exit_code == 0, result.output
    data = json.loads((folder / "highlights.json").read_text(encoding="utf-8"))
    assert data["machine_transcribed"] is True
    highlights = data["highlights"]
    assert len(highlights) == 5  # one per marker
    for h in highlights:
        assert (folder / h["clip_file"]).stat().st_size > 1000
        assert h["statements"], h["id"]
        assert all(s["text"].strip() for s in h["statements"])
    assert any(h["labels"] for h in highlights), "no statement tagged"
    labels = [h["marker_labels"] for h in highlights]
    assert labels == [["promotion project"], ["deadline"], ["metric"], ["blocker"], ["decision"]]


def test_run_audio_only_page_says_machine_transcribed(run: tuple[Result, Path]) -> None:
    _, folder = run
    soup = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")
    notes = [p.get_text(" ", strip=True) for p in soup.select("p.note")]
    assert any("transcribed by machine" in n for n in notes), notes
    cards = soup.select("article.highlight")
    assert len(cards) == 5
    assert all(card.get_text(" ", strip=True) for card in cards)


def test_run_audio_only_keeps_transcript_of_the_windows_only(run: tuple[Result, Path]) -> None:
    _, folder = run
    transcript = read_transcript(folder / "transcript.vtt")
    data = json.loads((folder / "highlights.json").read_text(encoding="utf-8"))
    texts = {u.text.lower() for u in transcript.utterances}
    excerpt = {s["text"].lower().rstrip(".") for h in data["highlights"] for s in h["statements"]}
    assert any(t.rstrip(".") in excerpt for t in texts)
    # markers at 0:49-1:46: before 0:25 and after 1:55 nothing was transcribed
    assert transcript.utterances[0].start_ms >= 25_000
    assert transcript.utterances[-1].end_ms <= 115_000


def test_run_with_corrected_transcript_uses_it(
    run: tuple[Result, Path], audio_only: Path, tmp_path: Path
) -> None:
    _, folder = run
    meeting = tmp_path / "corrected"
    shutil.copytree(audio_only, meeting)
    machine = read_transcript(folder / "transcript.vtt")
    first = json.loads((folder / "highlights.json").read_text(encoding="utf-8"))["highlights"][0]
    inside = next(u for u in machine.utterances if u.start_ms >= first["start_ms"])
    fixed = "Leading the migration is your top priority."
    corrected = replace(
        machine,
        utterances=tuple(replace(u, text=fixed) if u == inside else u for u in machine.utterances),
    )
    write_vtt(corrected, meeting / "transcript.vtt")

    outcome = process_meeting(meeting_from_folder(meeting), tmp_path / "site", asr="none")
    assert not outcome.result.machine_transcribed  # a person's transcript: no ASR, no note
    assert not (outcome.folder / "transcript.vtt").exists()
    statements = [s for h in outcome.result.highlights for s in h.statements]
    assert any(s.text == fixed and "PRIORITY" in s.labels for s in statements)


def test_run_unknown_or_missing_engine_exits_with_a_message(
    audio_only: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(
        cli, ["run", str(audio_only), "--out", str(tmp_path), "--asr", "nonsense"]
    )
    assert result.exit_code == 2
    result = CliRunner().invoke(
        cli,
        ["run", str(audio_only), "--out", str(tmp_path), "--asr-model", str(tmp_path / "none")],
    )
    assert result.exit_code == 1
    assert "[H010]" in result.output and "model folder not found" in result.output
    assert "Traceback" not in result.output


class _Scripted:
    """An engine that 'hears' the lines of a real transcript inside the stretch it is given."""

    name = "scripted"
    cache_key = "scripted-1"

    def __init__(self, script: Transcript, calls: list[int]) -> None:
        self.script = script
        self.calls = calls

    def transcribe(self, pcm: bytes, *, sample_rate: int, offset_ms: int) -> tuple[Utterance, ...]:
        self.calls.append(offset_ms)
        end = offset_ms + len(pcm) * 1000 // (sample_rate * 2)
        return tuple(u for u in self.script.utterances if offset_ms <= u.start_ms < end)


def test_run_without_markers_transcribes_whole_recording_resumably_and_suggests(
    fixtures_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = fixtures_dir / "sample"
    meeting = tmp_path / "no-markers"
    meeting.mkdir()
    shutil.copy(sample / "meeting.mp3", meeting / "meeting.mp3")
    script = read_transcript(sample / "meeting.vtt")
    calls: list[int] = []
    monkeypatch.setitem(base.ENGINES, "scripted", lambda model: _Scripted(script, calls))
    progress: list[tuple[int, int]] = []
    site = tmp_path / "site"

    outcome = process_meeting(
        meeting_from_folder(meeting),
        site,
        asr="scripted",
        asr_progress=lambda done, total: progress.append((done, total)),
    )
    assert len(calls) == 3  # 173.6 s in chunks of about a minute
    assert progress[-1][0] == progress[-1][1] == outcome.result.duration_ms
    result = outcome.result
    assert result.machine_transcribed
    assert result.highlights and all(h.suggested for h in result.highlights)
    assert any("PRIORITY" in h.labels for h in result.highlights)
    assert len(read_transcript(outcome.folder / "transcript.vtt").utterances) == len(
        script.utterances
    )
    assert list((site / ".cache" / "asr").glob("*/*.json"))
    assert [p.name for p in site.iterdir() if not p.name.startswith(".")].count(meeting.name) == 1

    again = process_meeting(meeting_from_folder(meeting), site, asr="scripted")
    assert len(calls) == 3  # every chunk came from the cache
    assert [h.id for h in again.result.highlights] == [h.id for h in result.highlights]
