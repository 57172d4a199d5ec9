"""highlights: turn recorded 1-on-1 meetings into digests of the moments that mattered."""

__version__ = "0.1.0"
