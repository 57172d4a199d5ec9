"""Optional closeness in meaning for goal suggestions, from a sentence-embedding model.

Used only when asked for (``highlights goals suggest --semantic MODEL``), only when the
``sentence-transformers`` package is installed, and only with a model already on this
machine: a local folder, or a name found in the Hugging Face cache. Nothing is downloaded
(``local_files_only``). Without it suggestions stay lexical.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

from highlights.errors import HighlightsError
from highlights.goals.suggest import Similarity


class SemanticUnavailable(HighlightsError):
    """The embedding model cannot be used on this machine, offline."""

    code = "H014"


def load_similarity(model: str) -> Similarity:
    """A cached cosine similarity over ``model``'s embeddings, or :class:`SemanticUnavailable`."""
    # Read by huggingface_hub when it is imported: no request leaves this machine.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        st: Any = importlib.import_module("sentence_transformers")
    except ImportError:
        raise SemanticUnavailable(
            "semantic similarity needs the sentence-transformers package "
            "(pip install sentence-transformers)"
        ) from None
    try:
        encoder = st.SentenceTransformer(model, local_files_only=True)
    except Exception as exc:  # the library raises OSError, ValueError, HF errors...
        raise SemanticUnavailable(
            f"embedding model {model!r} is not available offline: {exc}"
        ) from None
    cache: dict[str, Any] = {}

    def vector(text: str) -> Any:
        if text not in cache:
            cache[text] = encoder.encode(text, normalize_embeddings=True)
        return cache[text]

    def similarity(goal: str, text: str) -> float:
        return max(0.0, min(1.0, float(vector(goal) @ vector(text))))

    return similarity
