"""A call's recording: a small WAV made in code (a 425 Hz tone, Indian ringback's pitch, then silence),
served at ``recording_url`` under the API's own auth (docs/acefone.md)."""

from __future__ import annotations

import io
import math
import struct
import wave

RATE = 8000  # telephone audio: 8 kHz, 16-bit, mono
MAX_SECONDS = 3
TONE_HZ = 425
PATH = "/acefone/recordings/<call_id>.wav"


def url_for(base_url: str, call: dict) -> str:
    return f"{base_url.rstrip('/')}{PATH.replace('<call_id>', call['call_id'])}"


def wav(seconds: int) -> bytes:
    """``seconds`` (1 to MAX_SECONDS) of audio: the tone for the first half, silence after."""
    seconds = max(1, min(MAX_SECONDS, int(seconds)))
    frames = RATE * seconds
    tone = frames // 2
    samples = (
        int(8000 * math.sin(2 * math.pi * TONE_HZ * n / RATE)) if n < tone else 0 for n in range(frames)
    )
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", s) for s in samples))
    return out.getvalue()
