"""FHIR R4 resources for instruments and answers, as plain JSON-ready dicts.

- `questionnaire(instrument)`: a `Questionnaire` with one group per dimension and one ``choice``
  item per statement, keyed by the item id as ``linkId``; every item is optional
  (``required: false``), since every question can be skipped. A first ``string`` item,
  ``relationship``, names who the reflection is about.
- `questionnaire_response(...)`: a `QuestionnaireResponse` for one set of answers, with the same
  ``linkId``\\s; a skipped item is simply absent (FHIR has no "unanswered" value).
- `bundle(...)`: a ``collection`` Bundle of resources.

The shapes validate with the `fhir.resources` package (see tests/practice/test_fhir.py). No
network is involved; canonical URLs are ``urn:`` names and resolve nowhere.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Final

from feltsafe.instruments import Instrument

FHIR_VERSION: Final[str] = "4.0.1"
RELATIONSHIP_LINK_ID: Final[str] = "relationship"
_ID_SAFE = re.compile(r"[^A-Za-z0-9\-.]")
_UUID_NAMESPACE: Final[uuid.UUID] = uuid.uuid5(uuid.NAMESPACE_URL, "urn:feltsafe")


def questionnaire_url(instrument_id: str) -> str:
    return f"urn:feltsafe:questionnaire:{instrument_id}"


def scale_system(instrument_id: str) -> str:
    return f"urn:feltsafe:answer-scale:{instrument_id}"


def fhir_id(text: str) -> str:
    """A FHIR resource id (letters, digits, '-' and '.', at most 64) made from `text`."""
    clean = _ID_SAFE.sub("-", text).strip("-") or "x"
    return clean[:64]


def _instant(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("FHIR needs timezone-aware datetimes.")
    return moment.isoformat(timespec="seconds")


def _computer_name(title: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", title)
    name = "".join(w[:1].upper() + w[1:] for w in words) or "Questionnaire"
    return name if name[0].isalpha() else f"Q{name}"


def questionnaire(instrument: Instrument) -> dict[str, Any]:
    """The instrument as a FHIR R4 Questionnaire."""
    scale_id = scale_system(instrument.id)
    groups = []
    for dimension in instrument.dimensions:
        items = []
        for item in instrument.items_for(dimension.id):
            options = [
                {
                    "valueCoding": {
                        "system": scale_id,
                        "code": str(item.scale.min + index),
                        "display": label,
                    }
                }
                for index, label in enumerate(item.scale.labels)
            ]
            items.append(
                {
                    "linkId": item.id,
                    "text": item.text,
                    "type": "choice",
                    "required": False,
                    "answerOption": options,
                }
            )
        groups.append(
            {
                "linkId": dimension.id,
                "text": dimension.title,
                "type": "group",
                "required": False,
                "item": items,
            }
        )
    return {
        "resourceType": "Questionnaire",
        "id": fhir_id(f"{instrument.id}-{instrument.version}"),
        "url": questionnaire_url(instrument.id),
        "version": instrument.version,
        "name": _computer_name(instrument.title),
        "title": instrument.title,
        "status": "active",
        "subjectType": ["Patient"],
        "description": " ".join(instrument.description.split()),
        "purpose": " ".join(instrument.disclaimer.split()),
        "item": [
            {
                "linkId": RELATIONSHIP_LINK_ID,
                "text": "Who this reflection is about, in the person's own words",
                "type": "string",
                "required": False,
            },
            *groups,
        ],
    }


def questionnaire_response(
    instrument: Instrument,
    answers: Mapping[str, int],
    *,
    response_id: str,
    authored: datetime,
    completed: bool = True,
    relationship: str | None = None,
    subject: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One set of answers as a FHIR R4 QuestionnaireResponse (ValueError for unknown items).

    `answers` maps item ids to raw scale values; skipped items are left out. `subject` is a FHIR
    Reference (e.g. ``{"display": "client 12"}``); it is omitted when None.
    """
    for item_id, value in answers.items():
        if not instrument.has_item(item_id):
            raise ValueError(f"{instrument.title} has no question {item_id!r}.")
        if value not in instrument.item(item_id).scale:
            raise ValueError(f"{value!r} is not on the scale of {item_id!r}.")
    scale_id = scale_system(instrument.id)
    groups = []
    for dimension in instrument.dimensions:
        answered = []
        for item in instrument.items_for(dimension.id):
            if item.id not in answers:
                continue
            value = answers[item.id]
            answered.append(
                {
                    "linkId": item.id,
                    "text": item.text,
                    "answer": [
                        {
                            "valueCoding": {
                                "system": scale_id,
                                "code": str(value),
                                "display": item.scale.label(value),
                            }
                        }
                    ],
                }
            )
        if answered:
            groups.append({"linkId": dimension.id, "text": dimension.title, "item": answered})
    items: list[dict[str, Any]] = []
    if relationship and relationship.strip():
        items.append(
            {
                "linkId": RELATIONSHIP_LINK_ID,
                "answer": [{"valueString": " ".join(relationship.split())}],
            }
        )
    items.extend(groups)
    resource: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": fhir_id(response_id),
        "questionnaire": f"{questionnaire_url(instrument.id)}|{instrument.version}",
        "status": "completed" if completed else "in-progress",
        "authored": _instant(authored),
    }
    if subject is not None:
        resource["subject"] = dict(subject)
    if items:
        resource["item"] = items
    return resource


def full_url(resource: Mapping[str, Any]) -> str:
    """A stable ``urn:uuid:`` for a resource, from its type and id."""
    name = f"{resource['resourceType']}/{resource['id']}"
    return f"urn:uuid:{uuid.uuid5(_UUID_NAMESPACE, name)}"


def bundle(
    resources: Iterable[Mapping[str, Any]], *, bundle_id: str, timestamp: datetime
) -> dict[str, Any]:
    """A ``collection`` Bundle holding `resources` in order."""
    entries = [{"fullUrl": full_url(r), "resource": dict(r)} for r in resources]
    # `total` belongs to search results and histories only, so a collection leaves it out.
    return {
        "resourceType": "Bundle",
        "id": fhir_id(bundle_id),
        "type": "collection",
        "timestamp": _instant(timestamp),
        "entry": entries,
    }
