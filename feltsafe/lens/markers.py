"""The conversation lens's vocabulary: the marker names of ``shared/MARKERS.md``, exactly.

A message can carry several markers or none. ``THREAT_MARKERS`` make a relationship feel less
safe; ``SAFETY_MARKERS`` make it feel safer. ``crisis`` is a separate safety flag, not a marker.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

Marker = Literal[
    "criticism",
    "contempt",
    "defensiveness",
    "dismissal",
    "stonewalling",
    "control",
    "threat",
    "gentle_startup",
    "validation",
    "curiosity",
    "accountability",
    "repair",
    "appreciation",
    "reassurance",
    "boundary",
]

MARKERS: Final[tuple[Marker, ...]] = get_args(Marker)
"""Every marker, in the order of MARKERS.md (threat markers first)."""

THREAT_MARKERS: Final[tuple[Marker, ...]] = MARKERS[:7]
SAFETY_MARKERS: Final[tuple[Marker, ...]] = MARKERS[7:]

ABUSE_MARKERS: Final[tuple[Marker, ...]] = ("control", "threat")
"""Markers whose recurrence from one person may mean more than ordinary conflict."""

MARKER_LABELS: Final[dict[Marker, str]] = {
    "criticism": "criticism",
    "contempt": "contempt",
    "defensiveness": "defensiveness",
    "dismissal": "dismissal",
    "stonewalling": "stonewalling",
    "control": "control",
    "threat": "threat",
    "gentle_startup": "gentle start-up",
    "validation": "validation",
    "curiosity": "curiosity",
    "accountability": "accountability",
    "repair": "repair attempt",
    "appreciation": "appreciation",
    "reassurance": "reassurance",
    "boundary": "boundary",
}
"""How each marker is named to a person."""

MARKER_DESCRIPTIONS: Final[dict[Marker, str]] = {
    "criticism": "an attack on the person rather than on a specific behaviour",
    "contempt": "mockery, sarcasm or insults aimed at the person",
    "defensiveness": "warding off responsibility: denial, excuses or a counter-complaint",
    "dismissal": "treating the other's feelings or needs as not real or not important",
    "stonewalling": "shutting the conversation down without a plan to return",
    "control": "monitoring, orders or restrictions on the other's choices",
    "threat": "intimidation, or a threat of harm, exposure or leaving used as leverage",
    "gentle_startup": "a concern about a specific situation said as an I-statement with a need",
    "validation": "granting that the other's feeling or view makes sense",
    "curiosity": "an open question about the other's experience or needs",
    "accountability": "owning one's own part, without a 'but'",
    "repair": "a bid to de-escalate or reconnect",
    "appreciation": "gratitude, admiration or fondness",
    "reassurance": "care, commitment and availability",
    "boundary": "a clear, respectful statement of one's own limit or need for space",
}


def is_marker(name: str) -> bool:
    """Whether ``name`` is one of the marker names of MARKERS.md."""
    return name in MARKERS
