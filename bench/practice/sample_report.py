"""Render a sample therapist PDF report and its first page as docs/practice-report.png.

    .venv/bin/python bench/practice/sample_report.py     # needs pdftoppm (Debian's poppler-utils)

Everything is made up and lives in a temporary database: a practice with a drawn logo, a
therapist, and a client who shares half a year of weekly reflections and check-ins.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "practice-report.png"


def _logo() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (160, 160), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 152, 152), fill=(47, 111, 106, 255))
    draw.arc((36, 50, 124, 138), start=200, end=340, fill=(255, 255, 255, 255), width=10)
    draw.ellipse((68, 34, 92, 58), fill=(255, 255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing: apt-get install poppler-utils", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="feltsafe-sample-report-") as data_dir:
        os.environ["FELTSAFE_DATA_DIR"] = data_dir
        os.environ["DJANGO_SETTINGS_MODULE"] = "feltsafe.web.settings"
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", interactive=False, verbosity=0)
        from django.apps import apps
        from django.contrib.auth.models import User
        from django.utils import timezone

        from feltsafe.instruments import load_instrument
        from feltsafe.web.practice import exports, logos, services
        from feltsafe.web.reflections.models import Reflection
        from feltsafe.web.reflections.services import reflection_submit

        admin = User.objects.create_user("admin", password="!sample-admin-password!")
        therapist = User.objects.create_user("dr-rowan", password="!sample-password!")
        client = User.objects.create_user("sam", password="!sample-password-2!")
        practice = services.practice_create(name="Harbour Therapy", admin=admin)
        services.practice_update(
            practice=practice,
            name="Harbour Therapy",
            approach="Trauma-informed individual therapy and couples therapy.",
            contact_url="https://harbour-therapy.example/book",
            listed=True,
        )
        logos.practice_logo_set(practice=practice, data=_logo())
        services.therapist_join(
            user=therapist, code=services.therapist_invite_create(practice=practice, admin=admin)
        )
        scopes = ["reflection_scores", "safety_flags"]
        if apps.is_installed("feltsafe.web.checkins"):
            scopes.insert(1, "checkin_trends")
        issued = services.client_invitation_create(therapist=therapist)
        grant = services.grant_accept(
            client=client,
            therapist_ref=services.therapist_membership(user=therapist).public_ref,
            code=issued.code,
            scopes=scopes,
        )
        esr = load_instrument("esr")
        rng = random.Random(7)
        now = timezone.now()
        weeks = 26
        for week in range(weeks):
            centre = 2.3 + 2.0 * week / weeks
            answers = {
                item.id: min(
                    5, max(1, round(rng.gauss(centre if not item.reverse else 6 - centre, 0.8)))
                )
                for item in esr.items
            }
            reflection = reflection_submit(
                owner=client, relationship_label="my partner", answers=answers
            )
            Reflection.objects.filter(pk=reflection.pk).update(
                completed_at=now - timedelta(days=7 * (weeks - week))
            )
            if "checkin_trends" in scopes:
                from feltsafe.web.checkins.services import checkin_create

                base = min(10, max(0, round(3 + 5 * week / weeks + rng.gauss(0, 1))))
                checkin_create(
                    owner=client,
                    answers={
                        "could_be_myself": base,
                        "felt_heard": base,
                        "handled_with_care": base,
                        "body_calm": max(0, base - 1),
                        "need_repair": 10 - base,
                    },
                    created_at=now - timedelta(days=7 * (weeks - week) - 2),
                )
        services.assignment_create(
            grant=grant, kind="reflection", cadence="fortnightly", start_date=now.date()
        )
        pdf = exports.export_pdf(grant)
        with tempfile.TemporaryDirectory() as tmp:
            pdf_path = Path(tmp) / "report.pdf"
            pdf_path.write_bytes(pdf)
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "70",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(pdf_path),
                    str(Path(tmp) / "page"),
                ],
                check=True,
            )
            OUT.parent.mkdir(exist_ok=True)
            shutil.copyfile(Path(tmp) / "page.png", OUT)
    print(f"Wrote {OUT.relative_to(ROOT)} ({len(pdf)} bytes of PDF)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
