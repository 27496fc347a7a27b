"""Safety: crisis detection, the crisis and abuse resource directory, and the harm screen.

Framework-free and stdlib only: every interface (web, API, command line, lens) calls these the
same way. A text for which `detect_crisis(text).crisis` is true always routes the person to
crisis resources (`load_directory(country)`, introduced by `CRISIS_INTRO_TEXT`) before anything
else is shown.
"""

from feltsafe.safety.crisis import CRISIS_THRESHOLD, CrisisResult, detect_crisis, is_crisis
from feltsafe.safety.harm_screen import (
    ABUSE_PAGE_TEXT,
    CRISIS_INTRO_TEXT,
    SAFETY_PLANNING_BASICS,
    HarmScreen,
    ScreenQuestion,
    ScreenResult,
    crisis_intro,
    evaluate_harm_screen,
    load_harm_screen,
)
from feltsafe.safety.resources import (
    Channel,
    Resource,
    ResourceDirectory,
    available_countries,
    load_directory,
    resource_from_dict,
)

__all__ = [
    "ABUSE_PAGE_TEXT",
    "CRISIS_INTRO_TEXT",
    "CRISIS_THRESHOLD",
    "SAFETY_PLANNING_BASICS",
    "Channel",
    "CrisisResult",
    "HarmScreen",
    "Resource",
    "ResourceDirectory",
    "ScreenQuestion",
    "ScreenResult",
    "available_countries",
    "crisis_intro",
    "detect_crisis",
    "evaluate_harm_screen",
    "is_crisis",
    "load_directory",
    "load_harm_screen",
    "resource_from_dict",
]
