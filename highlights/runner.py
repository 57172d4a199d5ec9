"""One meeting end to end: ingest, tag, windows, snap, export, assemble, render.

Everything for a meeting is written into a staging folder first and moved into place in one
rename, so an interrupted or failed run never leaves a half-written meeting behind.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from highlights.asr.base import DEFAULT_ENGINE, get_transcriber
from highlights.asr.transcribe import VTT_NAME, Progress, transcribe_meeting, write_vtt
from highlights.assemble import assemble, highlight_id
from highlights.config import Pipeline, load_pipeline
from highlights.errors import MeetingError
from highlights.export import clip_rate, export_clip
from highlights.fsutil import replace_dir, safe_name
from highlights.ingest.markers import read_markers
from highlights.ingest.transcripts import read_transcript
from highlights.media.ffmpeg import decode_pcm, probe
from highlights.media.pcm import WindowAudio
from highlights.media.vad import speech_frames, webrtc_is_speech
from highlights.models import AudioInfo, Clip, MeetingResult, MeetingSource, Window
from highlights.outputs import write_exports
from highlights.render import environment, render_meeting
from highlights.snap import snap_window, unsnapped
from highlights.tagging.rules import load_rules
from highlights.tagging.tagger import Tagger
from highlights.windows import suggested_windows, windows_from_markers

VAD_RATE = 16_000
MEDIA_THREADS = 2  # ffmpeg processes decoding or encoding at once for one meeting


@dataclass(frozen=True, slots=True)
class RunOutcome:
    result: MeetingResult
    folder: Path
    page: Path


def parse_datetime(text: str, *, what: str = "recording start") -> datetime:
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise MeetingError(f"{what} is not an ISO 8601 date-time: {text!r}") from exc


def make_tagger(pipeline: Pipeline, extra_rules: Sequence[Path] = ()) -> Tagger:
    rules = load_rules([*pipeline.rule_paths, *extra_rules])
    return Tagger(rules, pause_split_ms=pipeline.pause_split_ms)


ClipSink = Callable[[int, Clip, WindowAudio], None]
"""Called with a window's index, its snapped clip and the audio decoded for it."""


def snap_clips(
    audio: AudioInfo,
    windows: Sequence[Window],
    pipeline: Pipeline,
    *,
    sink: ClipSink | None = None,
    threads: int = MEDIA_THREADS,
) -> list[Clip]:
    """Decode each window plus a margin once, and move its edges into pauses.

    The VAD runs on 16 kHz mono. ``sink`` gets each clip with its decoded audio as soon as it
    is snapped (export cuts the clip from it instead of decoding again), so only the windows
    in flight are held in memory. ``threads`` windows are handled at a time.
    """
    snap = pipeline.snap
    rate = clip_rate(audio)

    def one(item: tuple[int, Window]) -> Clip:
        i, w = item
        # A VAD keeps state from frame to frame: one per window, so results depend on the
        # window alone, not on which windows came before or ran beside it.
        is_speech = webrtc_is_speech(snap.vad_mode)
        offset = max(0, w.start_ms - snap.margin_ms)
        end = min(audio.duration_ms, w.end_ms + snap.margin_ms)
        pcm = decode_pcm(audio.path, offset, end - offset, sample_rate=rate)
        window_audio = WindowAudio(pcm, offset, rate)
        frames = speech_frames(
            window_audio.resampled(VAD_RATE),
            sample_rate=VAD_RATE,
            frame_ms=snap.settings.frame_ms,
            is_speech=is_speech,
        )
        clip = snap_window(
            w, frames, offset_ms=offset, duration_ms=audio.duration_ms, settings=snap.settings
        )
        if sink is not None:
            sink(i, clip, window_audio)
        return clip

    if threads <= 1:
        return [one(item) for item in enumerate(windows)]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(one, enumerate(windows)))


def process_meeting(
    source: MeetingSource,
    site: Path,
    *,
    pipeline: Pipeline | None = None,
    tagger: Tagger | None = None,
    recording_start: datetime | None = None,
    templates: Path | None = None,
    asr: str = DEFAULT_ENGINE,
    asr_model: Path | None = None,
    asr_progress: Progress | None = None,
    media_threads: int = MEDIA_THREADS,
) -> RunOutcome:
    """Run the whole pipeline for one meeting and write its folder under ``site``.

    ``media_threads`` windows are decoded, snapped and encoded at a time (a batch, whose
    workers already run side by side, passes 1).

    A recording without a transcript is transcribed offline by the engine ``asr`` (model
    folder ``asr_model``): only the marker windows when there are markers, else the whole
    recording, resumably (chunks cached under ``site/.cache/asr``). The machine transcript
    is written beside the outputs as ``transcript.vtt``.

    Only the meeting's folder is written: the site's index and the library are the caller's
    (``highlights.site``: a run, the demo; the batch driver).
    """
    pipeline = pipeline or load_pipeline()
    tagger = tagger or make_tagger(pipeline)
    transcript = read_transcript(source.transcript) if source.transcript else None
    audio = probe(source.audio) if source.audio else None
    if recording_start is None and source.recording_start:
        recording_start = parse_datetime(source.recording_start)
    markers = (
        read_markers(source.markers, recording_start=recording_start) if source.markers else None
    )
    if audio is not None:
        duration = audio.duration_ms
    elif transcript is not None:
        duration = transcript.end_ms
    else:
        raise MeetingError("a meeting needs a recording or a transcript", path=source.meeting_id)
    roles = {p.name: p.role for p in source.participants if p.role}
    machine_transcript = None
    if transcript is None:
        assert audio is not None  # a meeting without either was refused above
        machine_transcript = transcript = transcribe_meeting(
            audio,
            markers.markers if markers is not None else (),
            get_transcriber(asr, asr_model),
            windows=pipeline.windows,
            margin_ms=pipeline.snap.margin_ms,
            cache_dir=site / ".cache" / "asr",
            progress=asr_progress,
        )
    statements = tagger.tag(transcript, roles)

    if markers is not None and markers.markers:
        plan = windows_from_markers(
            markers.markers,
            statements,
            duration_ms=duration,
            settings=pipeline.windows,
            source=markers.source,
        )
    else:
        plan = suggested_windows(statements, duration_ms=duration, settings=pipeline.windows)

    if safe_name(source.meeting_id) != source.meeting_id:
        raise MeetingError(
            f"meeting id {source.meeting_id!r} cannot be a folder name; "
            f"use {safe_name(source.meeting_id)!r}"
        )
    site.mkdir(parents=True, exist_ok=True)
    final = site / source.meeting_id
    staging = site / f".{source.meeting_id}.staging-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    try:
        fmt = pipeline.export.clip_format
        names: list[str | None] = [None] * len(plan.windows)

        def encode(i: int, clip: Clip, window_audio: WindowAudio) -> None:
            # Numbered and named as assemble() will number and name the highlight.
            name = f"clips/{i + 1:02d}-{highlight_id(source.meeting_id, clip)}.{fmt}"
            (staging / "clips").mkdir(exist_ok=True)
            assert audio is not None
            export_clip(
                audio,
                clip,
                staging / name,
                fmt=fmt,
                bitrate=pipeline.export.clip_bitrate,
                window=window_audio,
            )
            names[i] = name

        clips = (
            snap_clips(audio, plan.windows, pipeline, sink=encode, threads=media_threads)
            if audio is not None
            else [unsnapped(w, duration) for w in plan.windows]
        )
        clip_files = names
        highlights = assemble(
            source.meeting_id, clips, statements, roles=roles, clip_files=clip_files
        )
        result = MeetingResult(
            meeting_id=source.meeting_id,
            title=source.title,
            date=source.date,
            duration_ms=duration,
            audio_file=str(Path(audio.path).resolve()) if audio else None,
            transcript_source=transcript.source if transcript else None,
            machine_transcribed=bool(transcript and transcript.machine_transcribed),
            participants=source.participants,
            highlights=highlights,
            statements=statements,
            warnings=plan.warnings,
        )
        write_exports(result, staging)
        if machine_transcript is not None:
            write_vtt(machine_transcript, staging / VTT_NAME)
        render_meeting(
            result,
            staging,
            page_dir_final=final,
            env=None if templates is None else environment(templates),
        )
        replace_dir(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return RunOutcome(result=result, folder=final, page=final / "index.html")
