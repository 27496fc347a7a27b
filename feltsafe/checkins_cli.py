"""`feltsafe checkin`: the one-minute pulse check-in in a terminal.

Five questions from 0 to 10 (Enter skips any of them, q stops), an optional note, then the felt
safety summary. Nothing is stored unless `--user NAME` is given, in which case the check-in is
saved to that person's account through the same service the web app uses. A note that
suggests someone may be at risk is answered with support lines first, every time.

Django is only set up (and the data folder migrated) when saving with `--user`.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.prompt import Prompt

from feltsafe.journal.insights import checkin_score, explain
from feltsafe.journal.vocab import CHECKIN_QUESTIONS

checkin_app = typer.Typer(
    name="checkin",
    help="The one-minute pulse check-in (interactive).",
    invoke_without_command=True,
    add_completion=False,
)
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


class Stopped(Exception):
    """The person typed q: stop, store nothing."""


def ask_answers() -> dict[str, int | None]:
    """Ask the pulse questions; Enter skips, q stops (raises Stopped)."""
    answers: dict[str, int | None] = {}
    for index, question in enumerate(CHECKIN_QUESTIONS, start=1):
        console.print(
            f"\n[bold]{index}. {question.text}[/]\n"
            f"   0 = {question.low_label}, 10 = {question.high_label}",
        )
        while True:
            reply = Prompt.ask("   Your answer", default="", show_default=False).strip().lower()
            if reply == "q":
                raise Stopped
            if reply == "":
                answers[question.id] = None
                break
            if reply.isdigit() and 0 <= int(reply) <= 10:
                answers[question.id] = int(reply)
                break
            console.print("   Please type a whole number from 0 to 10, or press Enter to skip.")
    return answers


def summary_text(answers: dict[str, int | None]) -> str:
    score = checkin_score(answers)
    answered = sum(1 for v in answers.values() if v is not None)
    if score is None:
        return "Every question was skipped, which is completely fine: there is no summary today."
    questions = "question" if answered == 1 else "questions"
    return f"Felt safety: {score:.1f} out of 10 (from {answered} answered {questions})."


def _find_owner(username: str) -> object:
    """Set up Django (migrating the data folder) and find the account; exit 2 if there is none."""
    from feltsafe.cli import _setup_django  # lazily: the main CLI imports this module

    _setup_django()
    from django.contrib.auth.models import User

    owner = User.objects.filter(username=username).first()
    if owner is None:
        err_console.print(f"[bold red]Error:[/] there is no account named {username!r}.")
        raise typer.Exit(2)
    return owner


def _save(
    *, owner: object, answers: dict[str, int | None], note: str, relationship: str | None
) -> int:
    from django.contrib.auth.models import User

    from feltsafe.web.checkins.services import CheckinInputError, checkin_create

    assert isinstance(owner, User)
    try:
        checkin = checkin_create(
            owner=owner, answers=answers, note=note, relationship_label=relationship or ""
        )
    except CheckinInputError as exc:
        err_console.print(f"[bold red]Error:[/] {exc}")
        raise typer.Exit(2) from exc
    return checkin.pk


@checkin_app.callback(invoke_without_command=True)
def checkin(
    user: Annotated[
        str | None,
        typer.Option(
            "--user", help="Save the check-in to this account (otherwise nothing is kept)."
        ),
    ] = None,
    relationship: Annotated[
        str | None, typer.Option("--relationship", help="Who it is about (optional).")
    ] = None,
) -> None:
    """Five questions, under a minute, every one skippable; prints the felt safety summary."""
    owner = None if user is None else _find_owner(user)
    console.print("[bold]Pulse check-in[/]")
    console.print(
        "Answer from 0 to 10 with whatever feels true today. Press Enter to skip any question, "
        "or type q to stop.",
        style="dim",
    )
    try:
        answers = ask_answers()
    except Stopped:
        console.print("Stopped. Nothing was stored; you can check in again whenever you like.")
        raise typer.Exit(0) from None
    note = Prompt.ask(
        "\nAnything you would like to note (optional)", default="", show_default=False
    )
    note = note.strip()

    # The words are saved first; support, when the note needs it, comes before anything else.
    pk = None
    if owner is not None:
        pk = _save(owner=owner, answers=answers, note=note, relationship=relationship)
    from feltsafe.safety.crisis import detect_crisis

    if note and detect_crisis(note).crisis:
        from feltsafe.safety.cli import print_crisis_support

        print_crisis_support(console)

    console.print()
    console.print(summary_text(answers))
    console.print(explain()["checkin_score"], style="dim")
    if pk is None:
        console.print(
            "\nNothing was stored. To keep check-ins, use --user NAME or the web app.",
            style="dim",
        )
    else:
        console.print(f"\nSaved for {user} (check-in {pk}).")
