"""The reflection flow through Django's test client, as a person would use it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from feltsafe.web.reflections.models import Answer, Reflection
from feltsafe.web.reflections.services import reflection_submit
from tests.factories import safest_answers

pytestmark = pytest.mark.django_db


def _start(client, label="my partner"):
    response = client.post(reverse("reflections:start"), {"relationship": label})
    assert response.status_code == 302
    return Reflection.objects.latest("pk")


def _page_post(instrument, step, values, action="next"):
    dimension = instrument.dimensions[step - 1]
    data = {"action": action}
    for item in instrument.items_for(dimension.id):
        value = values.get(item.id)
        data[f"item_{item.id}"] = "" if value is None else str(value)
    return data


def test_it_shows_a_content_note_before_the_first_question(alice_client, esr):
    response = alice_client.get(reverse("reflections:start"))
    assert response.status_code == 200
    assert esr.content_note.split("\n")[0][:40] in response.content.decode()


def test_it_walks_one_dimension_per_page_and_shows_the_report(alice_client, esr):
    reflection = _start(alice_client)
    answers = safest_answers(esr)
    total = len(esr.dimensions)
    for step in range(1, total + 1):
        page = alice_client.get(reverse("reflections:step", args=[reflection.pk, step]))
        assert f"Part {step} of {total}" in page.content.decode()
        assert esr.dimensions[step - 1].title in page.content.decode()
        response = alice_client.post(
            reverse("reflections:step", args=[reflection.pk, step]), _page_post(esr, step, answers)
        )
        assert response.status_code == 302
    assert response["Location"] == reverse("reflections:finish", args=[reflection.pk])
    response = alice_client.post(reverse("reflections:finish", args=[reflection.pk]), {"note": ""})
    assert response["Location"] == reverse("reflections:report", args=[reflection.pk])
    report = alice_client.get(response["Location"])
    body = report.content.decode()
    assert report.status_code == 200
    assert "not a clinical test" in body.lower() or "not a validated" in body.lower()
    for dimension in esr.dimensions:
        assert dimension.title in body
    reflection.refresh_from_db()
    assert reflection.is_complete
    assert reflection.instrument_version == esr.version


def test_every_item_can_be_skipped_and_the_report_says_not_enough_answers(alice_client, esr):
    reflection = _start(alice_client)
    for step in range(1, len(esr.dimensions) + 1):
        alice_client.post(
            reverse("reflections:step", args=[reflection.pk, step]), _page_post(esr, step, {})
        )
    alice_client.post(reverse("reflections:finish", args=[reflection.pk]), {"note": ""})
    body = alice_client.get(reverse("reflections:report", args=[reflection.pk])).content.decode()
    assert Answer.objects.filter(reflection=reflection).count() == 0
    assert body.count("not enough answers") >= len(esr.dimensions)


def test_save_and_leave_keeps_answers_and_resumes_at_the_same_part(alice_client, esr):
    reflection = _start(alice_client)
    answers = safest_answers(esr)
    alice_client.post(
        reverse("reflections:step", args=[reflection.pk, 1]), _page_post(esr, 1, answers)
    )
    response = alice_client.post(
        reverse("reflections:step", args=[reflection.pk, 2]),
        _page_post(esr, 2, answers, action="leave"),
    )
    assert response["Location"] == reverse("reflections:index")
    reflection.refresh_from_db()
    assert reflection.resume_step == 1
    assert not reflection.is_complete
    dashboard = alice_client.get(reverse("dashboard")).content.decode()
    assert reverse("reflections:step", args=[reflection.pk, 2]) in dashboard
    first_two = esr.items_for(esr.dimensions[0].id) + esr.items_for(esr.dimensions[1].id)
    assert Answer.objects.filter(reflection=reflection).count() == len(first_two)


def test_an_answer_off_the_scale_is_refused_and_nothing_is_saved(alice_client, esr):
    reflection = _start(alice_client)
    data = _page_post(esr, 1, safest_answers(esr))
    first_item = esr.items_for(esr.dimensions[0].id)[0]
    data[f"item_{first_item.id}"] = "9"
    response = alice_client.post(reverse("reflections:step", args=[reflection.pk, 1]), data)
    assert response.status_code == 400
    assert first_item.id in response.content.decode() or "scale" in response.content.decode()
    assert Answer.objects.filter(reflection=reflection).count() == 0


def test_an_unknown_item_is_refused_and_nothing_is_saved(alice_client, esr):
    reflection = _start(alice_client)
    data = _page_post(esr, 1, safest_answers(esr))
    data["item_not_a_real_question"] = "3"
    response = alice_client.post(reverse("reflections:step", args=[reflection.pk, 1]), data)
    assert response.status_code == 400
    assert "nothing was saved" in response.content.decode()
    assert Answer.objects.filter(reflection=reflection).count() == 0


def test_a_second_person_gets_404_for_the_first_persons_pages(client, alice, stranger, esr):
    reflection = reflection_submit(
        owner=alice, relationship_label="my partner", answers=safest_answers(esr)
    )
    client.force_login(stranger)
    urls = [
        reverse("reflections:report", args=[reflection.pk]),
        reverse("reflections:step", args=[reflection.pk, 1]),
        reverse("reflections:finish", args=[reflection.pk]),
        reverse("reflections:history", args=[reflection.relationship.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"action": "next"}).status_code == 404, url
    assert "my partner" not in client.get(reverse("reflections:index")).content.decode()


def test_pages_ask_anonymous_visitors_to_log_in(client, alice, esr):
    reflection = reflection_submit(
        owner=alice, relationship_label="my partner", answers=safest_answers(esr)
    )
    for url in [
        reverse("dashboard"),
        reverse("reflections:index"),
        reverse("reflections:report", args=[reflection.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_map_appears_once_two_relationships_have_been_reflected_on(alice_client, alice, esr):
    reflection_submit(owner=alice, relationship_label="my partner", answers=safest_answers(esr))
    body = alice_client.get(reverse("reflections:index")).content.decode()
    assert "relationship map" not in body
    reflection_submit(owner=alice, relationship_label="Mum", answers=safest_answers(esr))
    body = alice_client.get(reverse("reflections:index")).content.decode()
    assert "Your relationship map" in body
    assert "Mum" in body and "my partner" in body


def test_history_shows_each_reflection_on_a_relationship_over_time(alice_client, alice, esr):
    first = reflection_submit(owner=alice, relationship_label="Mum", answers=safest_answers(esr))
    reflection_submit(owner=alice, relationship_label="mum", answers={})
    body = alice_client.get(
        reverse("reflections:history", args=[first.relationship.pk])
    ).content.decode()
    assert "2 reflections" in body
    assert "<polyline" in body
