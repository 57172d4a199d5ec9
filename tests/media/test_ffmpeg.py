"""The ffmpeg seam: probing without decoding, seek-decoding exact stretches, clear errors."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from highlights.errors import AudioError, InputNotFoundError
from highlights.media import ffmpeg
from highlights.media.ffmpeg import decode_pcm, probe


def test_ffmpeg_probe_real_recordings(realdata: Path) -> None:
    flac = probe(realdata / "audio" / "whisper_jfk" / "jfk.flac")
    assert (flac.duration_ms, flac.sample_rate, flac.channels, flac.codec) == (
        11_000,
        44_100,
        2,
        "flac",
    )
    wav = probe(realdata / "audio" / "pyannote_sample" / "sample.wav")
    assert (wav.duration_ms, wav.sample_rate, wav.channels) == (30_000, 16_000, 1)


def test_ffmpeg_probe_sample_mp3(fixtures_dir: Path) -> None:
    info = probe(fixtures_dir / "sample" / "meeting.mp3")
    assert info.sample_rate == 16_000 and info.channels == 1
    assert 173_000 <= info.duration_ms <= 173_700


def test_ffmpeg_seek_decode_is_sample_exact(realdata: Path) -> None:
    wav = realdata / "audio" / "whisper_jfk" / "jfk_16k_mono.wav"
    whole = decode_pcm(wav, 0, 11_000)
    part = decode_pcm(wav, 3_250, 1_500)
    assert len(part) == 1_500 * 16 * 2
    offset = 3_250 * 16 * 2
    assert part == whole[offset : offset + len(part)]


def test_ffmpeg_decode_near_end_returns_what_exists(realdata: Path) -> None:
    wav = realdata / "audio" / "whisper_jfk" / "jfk_16k_mono.wav"
    tail = decode_pcm(wav, 10_500, 5_000)
    assert 0 < len(tail) <= 600 * 16 * 2


def test_ffmpeg_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError) as err:
        probe(tmp_path / "nope.mp3")
    assert "nope.mp3" in str(err.value)


@pytest.mark.parametrize("content", [b"", b"not audio at all " * 200])
def test_ffmpeg_corrupt_audio_is_named(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "broken.m4a"
    bad.write_bytes(content)
    with pytest.raises(AudioError) as err:
        probe(bad)
    assert "broken.m4a" in str(err.value)


def test_ffmpeg_bundled_binary_works_without_system_ffmpeg(
    realdata: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import imageio_ffmpeg

    bundled = imageio_ffmpeg.get_ffmpeg_exe()
    monkeypatch.setenv("HIGHLIGHTS_FFMPEG", bundled)
    ffmpeg.ffmpeg_exe.cache_clear()
    try:
        assert ffmpeg.ffmpeg_exe() == bundled
        info = probe(realdata / "audio" / "whisper_jfk" / "jfk.flac")
        assert info.duration_ms == 11_000
        assert len(decode_pcm(info.path, 1_000, 1_000)) == 32_000
    finally:
        monkeypatch.delenv("HIGHLIGHTS_FFMPEG")
        ffmpeg.ffmpeg_exe.cache_clear()


def test_ffmpeg_default_is_the_bundled_static_binary(monkeypatch: pytest.MonkeyPatch) -> None:
    import imageio_ffmpeg

    monkeypatch.delenv("HIGHLIGHTS_FFMPEG", raising=False)
    monkeypatch.delenv("IMAGEIO_FFMPEG_EXE", raising=False)
    ffmpeg.ffmpeg_exe.cache_clear()
    try:
        assert ffmpeg.ffmpeg_exe() == imageio_ffmpeg.get_ffmpeg_exe()
        assert "imageio_ffmpeg" in ffmpeg.ffmpeg_exe()
    finally:
        ffmpeg.ffmpeg_exe.cache_clear()


@pytest.mark.parametrize("codec", [("mp3", "libmp3lame"), ("m4a", "aac"), ("ogg", "libopus")])
def test_ffmpeg_reads_common_formats(
    tmp_path: Path, realdata: Path, codec: tuple[str, str]
) -> None:
    suffix, encoder = codec
    out = tmp_path / f"jfk.{suffix}"
    subprocess.run(
        [
            ffmpeg.ffmpeg_exe(),
            "-v",
            "error",
            "-i",
            str(realdata / "audio" / "whisper_jfk" / "jfk_16k_mono.wav"),
            "-c:a",
            encoder,
            str(out),
        ],
        check=True,
    )
    info = probe(out)
    assert abs(info.duration_ms - 11_000) < 150
    got = len(decode_pcm(out, 2_000, 1_000))
    if suffix == "m4a":
        # Seeking in AAC lands on a 1024-sample frame with some ffmpeg builds: within 64 ms.
        assert abs(got - 32_000) <= 1024 * 2
    else:
        assert got == 32_000
