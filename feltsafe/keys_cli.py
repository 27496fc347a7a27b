"""`feltsafe keys ...`: make a field-encryption key, and re-encrypt everything with the newest."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import track

keys_app = typer.Typer(
    help="Keys that encrypt free text at rest.", no_args_is_help=True, add_completion=False
)
console = Console(highlight=False)


@keys_app.command("new")
def new_key() -> None:
    """Print a fresh key for FELTSAFE_FIELD_KEYS (put it first to start using it)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "feltsafe.web.settings")
    from feltsafe.web.encryption import new_key

    typer.echo(new_key())


@keys_app.command("rotate")
def rotate(
    batch: Annotated[int, typer.Option(help="Rows per transaction.")] = 500,
) -> None:
    """Re-encrypt every encrypted field with the first (newest) key of FELTSAFE_FIELD_KEYS."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "feltsafe.web.settings")
    Path(os.environ.get("FELTSAFE_DATA_DIR", "var")).mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from feltsafe.web.encryption import rotate_all

    counts = rotate_all(batch=batch, progress=lambda items, label: track(items, description=label))
    for label, count in counts.items():
        console.print(f"{label}: {count} row(s) re-encrypted")
