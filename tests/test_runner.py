"""One meeting end to end, on the bundled sample and on real recordings and transcripts."""

from __future__ import annotations

import array
import json
import math
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from highlights.errors import AudioError, MarkerError, TranscriptError
from highlights.ingest.meeting import meeting_from_files, meeting_from_folder
from highlights.media.ffmpeg import decode_pcm
from highlights.runner import RunOutcome, process_meeting
from highlights.site import run_meeting


def rms(pcm: bytes) -> float:
    samples = array.array("h", pcm)
    if not samples:
        return 0.0
    return math.sqrt(sum(s * s for s in samples) / len(samples))


def speech_rms(path: str, start_ms: int, end_ms: int) -> float:
    """The loudness of speech in a stretch: the 90th percentile of 30 ms frame RMS."""
    pcm = decode_pcm(path, start_ms, end_ms - start_ms)
    frame = 480 * 2
    levels = sorted(rms(pcm[i : i + frame]) for i in range(0, len(pcm) - frame, frame))
    return levels[int(len(levels) * 0.9)]


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory, fixtures_dir: Path) -> RunOutcome:
    site = tmp_path_factory.mktemp("site")
    return run_meeting(meeting_from_folder(fixtures_dir / "sample"), site)


def test_runner_sample_every_clip_starts_and_ends_in_a_pause(sample_run: RunOutcome) -> None:
    result = sample_run.result
    assert result.audio_file is not None
    assert len(result.highlights) >= 4
    for h in result.highlights:
        loud = speech_rms(result.audio_file, h.start_ms, h.end_ms)
        head = rms(decode_pcm(result.audio_file, h.start_ms, 30))
        tail = rms(decode_pcm(result.audio_file, h.end_ms - 30, 30))
        assert loud > 1000, h.id
        assert head < loud / 10, (h.id, h.start_ms, head, loud)
        assert tail < loud / 10, (h.id, h.end_ms, tail, loud)


def test_runner_sample_clips_written_and_playable(sample_run: RunOutcome) -> None:
    for h in sample_run.result.highlights:
        assert h.clip_file is not None
        clip = sample_run.folder / h.clip_file
        assert clip.stat().st_size > 1000
        pcm = decode_pcm(clip, 0, 600_000)
        seconds = len(pcm) / 32_000
        assert abs(seconds - (h.end_ms - h.start_ms) / 1000) < 0.1


def test_runner_sample_key_statements_match_script(
    sample_run: RunOutcome, fixtures_dir: Path
) -> None:
    script = json.loads((fixtures_dir / "sample" / "script.json").read_text())
    lines = {m["label"]: script["lines"][m["after_line"]] for m in script["markers"]}
    by_label = {h.marker_labels[0]: h for h in sample_run.result.highlights if h.marker_labels}
    for label, line in lines.items():
        h = by_label[label]
        assert h.key is not None, label
        assert h.key.text == line["text"], label
        assert set(line["expected_labels"]) <= set(h.key.labels), label


def test_runner_sample_page_parses_and_links(sample_run: RunOutcome) -> None:
    soup = BeautifulSoup(sample_run.page.read_text(encoding="utf-8"), "html.parser")
    cards = soup.select("article.highlight")
    assert len(cards) == len(sample_run.result.highlights)
    for card, h in zip(cards, sample_run.result.highlights, strict=True):
        audio = card.select_one("audio")
        assert audio is not None and (sample_run.folder / audio["src"]).is_file()
        href = card.select_one("a.open")["href"]
        target, _, fragment = href.partition("#")
        assert (sample_run.folder / target).resolve() == Path(str(sample_run.result.audio_file))
        assert fragment.startswith(f"t={h.start_ms / 1000:.3f}")
        assert card.select_one("blockquote.key") is not None
    index = BeautifulSoup((sample_run.folder.parent / "index.html").read_text(), "html.parser")
    assert [a["href"] for a in index.select("table.meetings a")] == ["sample/index.html"]


def test_runner_sample_exports(sample_run: RunOutcome) -> None:
    folder = sample_run.folder
    data = json.loads((folder / "highlights.json").read_text())
    assert data["format"] == "highlights/1"
    assert len(data["highlights"]) == len(sample_run.result.highlights)
    labels = (folder / "highlights.audacity.txt").read_text().splitlines()
    assert len(labels) == len(data["highlights"])
    assert (folder / "chapters.vtt").read_text().startswith("WEBVTT")


def test_runner_rerun_gives_same_ids_and_same_page(
    sample_run: RunOutcome, fixtures_dir: Path, tmp_path: Path
) -> None:
    again = process_meeting(meeting_from_folder(fixtures_dir / "sample"), tmp_path)
    assert [h.id for h in again.result.highlights] == [h.id for h in sample_run.result.highlights]
    assert again.page.read_text() == sample_run.page.read_text()


def test_runner_ami_transcript_only_merged_highlights(realdata: Path, tmp_path: Path) -> None:
    outcome = process_meeting(meeting_from_folder(realdata / "meetings" / "ami_ES2002d"), tmp_path)
    result = outcome.result
    assert result.audio_file is None
    regions = realdata / "meetings" / "ami_ES2002d" / "ES2002d.extractive.audacity.txt"
    n_regions = len(regions.read_text().splitlines())
    assert 5 < len(result.highlights) < n_regions  # adjacent regions merged
    assert all(h.end_ms - h.start_ms <= 90_000 or h.kind == "region" for h in result.highlights)
    assert all(h.statements for h in result.highlights)
    soup = BeautifulSoup(outcome.page.read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("audio") is None
    assert len(soup.select("article.highlight")) == len(result.highlights)


def test_runner_pyannote_call_with_markers(realdata: Path, tmp_path: Path) -> None:
    folder = realdata / "audio" / "pyannote_sample"
    markers = tmp_path / "call.markers.txt"
    markers.write_text("00:00:12.0 first\n00:00:27.5 second\n")
    source = meeting_from_files(
        audio=folder / "sample.wav", transcript=folder / "sample.derived.vtt", markers=markers
    )
    result = process_meeting(source, tmp_path / "site").result
    assert result.highlights
    first = result.highlights[0]
    # the recording's first speech is at 6.68 s: nothing before it is kept
    assert first.start_ms >= 6_000
    for h in result.highlights:
        assert h.clip_file is not None
        assert {s.speaker for s in h.statements} <= {"Diane", "Sheila"}


def test_runner_marker_past_end_reported_and_others_kept(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    markers = tmp_path / "m.markers.txt"
    markers.write_text("00:00:49.0 ok\n01:00:00 too late\n")
    sample = fixtures_dir / "sample"
    source = meeting_from_files(
        audio=sample / "meeting.mp3", transcript=sample / "meeting.vtt", markers=markers
    )
    result = process_meeting(source, tmp_path / "site").result
    assert len(result.highlights) == 1
    (warning,) = result.warnings
    assert "m.markers.txt:2" in warning and "past the end" in warning


@pytest.mark.parametrize(
    ("files", "error", "needle"),
    [
        ({"transcript": "bad.vtt"}, TranscriptError, "bad.vtt:"),
        ({"audio": "bad.mp3", "markers": "ok.txt"}, AudioError, "bad.mp3"),
        ({"transcript": "ok.vtt", "markers": "bad.markers.txt"}, MarkerError, "bad.markers.txt:2"),
    ],
)
def test_runner_bad_input_writes_nothing(
    tmp_path: Path, files: dict[str, str], error: type[Exception], needle: str
) -> None:
    (tmp_path / "bad.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nhello\n")
    (tmp_path / "ok.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v A>hello\n")
    (tmp_path / "bad.mp3").write_bytes(b"\xff\xfb" + b"garbage" * 100)
    (tmp_path / "ok.txt").write_text("00:00:02\n")
    (tmp_path / "bad.markers.txt").write_text("00:00:01\n00:xx:02\n")
    site = tmp_path / "site"
    source = meeting_from_files(**{k: tmp_path / v for k, v in files.items()})
    with pytest.raises(error) as err:
        process_meeting(source, site)
    assert needle in str(err.value)
    assert not site.exists() or not any(site.iterdir())


def test_runner_failure_mid_export_keeps_previous_output(
    fixtures_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import highlights.runner as runner

    site = tmp_path / "site"
    first = process_meeting(meeting_from_folder(fixtures_dir / "sample"), site)
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    original = runner.export_clip
    calls = []

    def failing_export(*args: Any, **kwargs: Any) -> Path:
        calls.append(args)
        if len(calls) == 3:
            raise AudioError("disk trouble", path="clip")
        return original(*args, **kwargs)

    monkeypatch.setattr(runner, "export_clip", failing_export)
    with pytest.raises(AudioError):
        process_meeting(meeting_from_folder(fixtures_dir / "sample"), site)
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in site.iterdir() if p.name.startswith(".")] == []
    assert first.page.is_file()


def test_runner_snapping_does_not_depend_on_window_order(fixtures_dir: Path) -> None:
    from highlights.config import load_pipeline
    from highlights.media.ffmpeg import probe
    from highlights.models import Window
    from highlights.runner import snap_clips

    audio = probe(fixtures_dir / "sample" / "meeting.mp3")
    windows = [Window(t, t + 15_000, t + 12_000, "point") for t in range(20_000, 120_000, 9_000)]
    pipeline = load_pipeline()
    forward = snap_clips(audio, windows, pipeline)
    backward = snap_clips(audio, windows[::-1], pipeline)[::-1]
    alone = [snap_clips(audio, [w], pipeline)[0] for w in windows]
    assert forward == backward == alone
