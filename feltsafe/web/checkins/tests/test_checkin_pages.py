"""The pulse check-in through Django's test client, as a person would use it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from feltsafe.journal.vocab import CHECKIN_QUESTIONS
from feltsafe.web.checkins.models import ANSWER_FIELDS, CheckIn, CheckinReminder
from feltsafe.web.checkins.services import checkin_create
from feltsafe.web.reflections.models import Relationship

pytestmark = pytest.mark.django_db

CRISIS_TEXT = "I have the pills saved up and I don't want to be here anymore"


def _post(**answers):
    data = {q.id: "" for q in CHECKIN_QUESTIONS}
    data.update({k: str(v) for k, v in answers.items()})
    data.setdefault("note", "")
    return data


def test_the_model_has_one_answer_column_per_pulse_question():
    assert tuple(q.id for q in CHECKIN_QUESTIONS) == ANSWER_FIELDS
    columns = {f.name for f in CheckIn._meta.get_fields()}
    assert set(ANSWER_FIELDS) <= columns


def test_the_database_refuses_an_answer_outside_0_to_10(alice):
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(owner=alice, felt_heard=11)
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(owner=alice, body_calm=-1)


def test_the_page_asks_five_questions_with_labelled_ends_and_a_skip(alice_client):
    body = alice_client.get(reverse("checkins:new")).content.decode()
    for q in CHECKIN_QUESTIONS:
        assert q.text in body
        assert f"0 = {q.low_label}" in body
        assert f"10 = {q.high_label}" in body
    assert body.count('value="" checked') == len(CHECKIN_QUESTIONS)  # skip is the default
    assert "streak" not in body.lower()


def test_it_saves_a_check_in_and_shows_the_felt_safety_summary(alice_client, alice):
    response = alice_client.post(
        reverse("checkins:new"),
        _post(could_be_myself=8, felt_heard=6, handled_with_care=7, body_calm=5, need_repair=2),
    )
    checkin = CheckIn.objects.get(owner=alice)
    assert response.status_code == 302
    assert response["Location"] == reverse("checkins:detail", args=[checkin.pk])
    assert checkin.answers == {
        "could_be_myself": 8,
        "felt_heard": 6,
        "handled_with_care": 7,
        "body_calm": 5,
        "need_repair": 2,
    }
    page = alice_client.get(response["Location"]).content.decode()
    # (8 + 6 + 7 + 5 + (10 - 2)) / 5 = 6.8: "something to repair" is turned around.
    assert "6.8" in page
    assert "not a clinical measure" in page


def test_every_question_can_be_skipped(alice_client, alice):
    response = alice_client.post(reverse("checkins:new"), _post())
    assert response.status_code == 302
    checkin = CheckIn.objects.get(owner=alice)
    assert set(checkin.answers.values()) == {None}
    page = alice_client.get(response["Location"]).content.decode()
    assert "Every question was skipped, which is completely fine" in page


def test_an_answer_off_the_scale_saves_nothing(alice_client):
    response = alice_client.post(reverse("checkins:new"), _post(felt_heard=11))
    assert response.status_code == 400
    assert CheckIn.objects.count() == 0


def test_a_check_in_can_be_about_an_existing_or_a_new_relationship(alice_client, alice):
    mum = Relationship.objects.create(owner=alice, label="Mum")
    alice_client.post(reverse("checkins:new"), _post(felt_heard=4) | {"relationship": mum.pk})
    alice_client.post(
        reverse("checkins:new"), _post(felt_heard=6) | {"new_relationship": "my partner"}
    )
    labels = sorted(c.relationship.label for c in CheckIn.objects.filter(owner=alice))
    assert labels == ["Mum", "my partner"]


def test_it_refuses_to_file_a_check_in_under_someone_elses_relationship(alice_client, stranger):
    theirs = Relationship.objects.create(owner=stranger, label="their partner")
    response = alice_client.post(
        reverse("checkins:new"), _post(felt_heard=4) | {"relationship": theirs.pk}
    )
    assert response.status_code == 400
    assert CheckIn.objects.count() == 0


def test_a_crisis_note_is_saved_and_then_leads_to_support(alice_client, alice):
    response = alice_client.post(reverse("checkins:new"), _post(felt_heard=2, note=CRISIS_TEXT))
    checkin = CheckIn.objects.get(owner=alice)
    assert checkin.note == CRISIS_TEXT
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("safety:crisis"))
    assert f"checkins%2F{checkin.pk}" in response["Location"]


def test_an_ordinary_note_goes_straight_to_the_summary(alice_client):
    response = alice_client.post(
        reverse("checkins:new"), _post(felt_heard=6, note="A quiet evening, we cooked together.")
    )
    assert not response["Location"].startswith(reverse("safety:crisis"))


def test_the_trend_page_draws_a_chart_and_a_table_per_relationship(alice_client, alice):
    now = timezone.now()
    for days_ago, value in [(3, 4), (2, 6), (1, 8)]:
        checkin_create(
            owner=alice,
            answers={"felt_heard": value},
            relationship_label="my partner",
            created_at=now - timedelta(days=days_ago),
        )
    checkin_create(owner=alice, answers={"felt_heard": 5}, created_at=now)
    page = alice_client.get(reverse("checkins:index")).content.decode()
    assert "<h2" in page and "my partner" in page and "Not about one relationship" in page
    assert page.count("<svg") == 2
    assert "polyline" in page
    assert "Felt safety for my partner, day by day" in page
    assert "6.0" in page  # the rolling mean of 4, 6 and 8 on the last day


def test_the_trend_page_accepts_only_known_ranges(alice_client):
    assert alice_client.get(reverse("checkins:index"), {"days": "all"}).status_code == 200
    assert alice_client.get(reverse("checkins:index"), {"days": "; drop"}).status_code == 200


def test_a_check_in_can_be_deleted_by_its_owner(alice_client, alice):
    checkin = checkin_create(owner=alice, answers={"felt_heard": 5})
    assert alice_client.get(reverse("checkins:delete", args=[checkin.pk])).status_code == 200
    response = alice_client.post(reverse("checkins:delete", args=[checkin.pk]))
    assert response.status_code == 302
    assert not CheckIn.objects.filter(pk=checkin.pk).exists()


# --- reminders -------------------------------------------------------------------------------

BANNER = "A check-in is open whenever you like"


def test_reminders_are_off_until_chosen_and_the_dashboard_shows_no_banner(alice_client):
    page = alice_client.get(reverse("dashboard")).content.decode()
    assert BANNER not in page
    assert "Reminders: off" in page


def test_a_daily_cadence_offers_a_check_in_on_days_without_one(alice_client, alice):
    response = alice_client.post(reverse("checkins:reminders"), {"cadence": "daily"})
    assert response.status_code == 302
    assert CheckinReminder.objects.get(owner=alice).cadence == "daily"
    assert BANNER in alice_client.get(reverse("dashboard")).content.decode()
    checkin_create(owner=alice, answers={"felt_heard": 5})
    assert BANNER not in alice_client.get(reverse("dashboard")).content.decode()


def test_a_weekly_cadence_offers_a_check_in_after_seven_days_without_one(alice_client, alice):
    alice_client.post(reverse("checkins:reminders"), {"cadence": "weekly"})
    checkin_create(
        owner=alice, answers={"felt_heard": 5}, created_at=timezone.now() - timedelta(days=3)
    )
    assert BANNER not in alice_client.get(reverse("dashboard")).content.decode()
    CheckIn.objects.update(created_at=timezone.now() - timedelta(days=10))
    assert BANNER in alice_client.get(reverse("dashboard")).content.decode()


def test_reminder_words_carry_no_guilt_or_streaks(alice_client, alice):
    alice_client.post(reverse("checkins:reminders"), {"cadence": "daily"})
    pages = [
        alice_client.get(reverse("dashboard")).content.decode().lower(),
        alice_client.get(reverse("checkins:reminders")).content.decode().lower(),
        alice_client.get(reverse("checkins:index")).content.decode().lower(),
    ]
    for page in pages:
        for word in ("streak", "missed", "you forgot", "don't break", "overdue", "behind"):
            assert word not in page


def test_an_unknown_cadence_is_refused(alice_client, alice):
    response = alice_client.post(reverse("checkins:reminders"), {"cadence": "hourly"})
    assert response.status_code == 200  # the form is shown again with its error
    assert not CheckinReminder.objects.filter(owner=alice).exists()


# --- ownership -------------------------------------------------------------------------------


@pytest.fixture
def alices_checkin(alice):
    return checkin_create(owner=alice, answers={"felt_heard": 3}, note="private words")


@pytest.mark.parametrize("name", ["checkins:detail", "checkins:delete"])
def test_another_person_gets_404_for_someone_elses_check_in(stranger_client, alices_checkin, name):
    url = reverse(name, args=[alices_checkin.pk])
    assert stranger_client.get(url).status_code == 404
    assert stranger_client.post(url).status_code == 404
    assert CheckIn.objects.filter(pk=alices_checkin.pk).exists()


def test_another_persons_lists_and_charts_never_show_someone_elses_check_ins(
    stranger_client, alices_checkin
):
    for name in ("checkins:index", "dashboard"):
        page = stranger_client.get(reverse(name)).content.decode()
        assert "private words" not in page
        assert reverse("checkins:detail", args=[alices_checkin.pk]) not in page
    assert (
        "In the last seven days" not in stranger_client.get(reverse("dashboard")).content.decode()
    )


@pytest.mark.parametrize(
    "url",
    [
        reverse("checkins:index"),
        reverse("checkins:new"),
        reverse("checkins:reminders"),
        reverse("checkins:detail", args=[1]),
        reverse("checkins:delete", args=[1]),
    ],
)
def test_every_check_in_page_needs_a_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_fast_table_rows_filter_escapes_every_cell():
    from feltsafe.web.checkins.templatetags.checkins_tags import table_rows

    html = table_rows([("<b>Mum</b>", "6.5", '"x"'), ("1 Jan 2026", "–", "3")])
    assert "<b>" not in html
    assert "&lt;b&gt;Mum&lt;/b&gt;" in html
    assert "&quot;x&quot;" in html
    assert html.count("<tr>") == 2
    assert '<th scope="row">1 Jan 2026</th><td class="num">–</td><td class="num">3</td>' in html


def test_a_relationship_name_with_markup_is_shown_as_text(alice_client, alice):
    checkin_create(
        owner=alice, answers={"felt_heard": 5}, relationship_label="<script>alert(1)</script>"
    )
    page = alice_client.get(reverse("checkins:index")).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
