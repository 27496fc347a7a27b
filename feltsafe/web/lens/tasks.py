"""Background work for the conversation lens, on Django's tasks framework (``django.tasks``).

Which backend runs it is the ``FELTSAFE_TASKS`` setting: at once inside the request that queued
it (``immediate``, the default), or later by ``manage.py db_worker`` (``database``). The task
gets only the analysis's id; the chat itself waits encrypted in the database, so any worker on
any machine can read it, and nothing of it is in the task queue's own table.
"""

from __future__ import annotations

from django.tasks import task

from feltsafe.web.lens import services


@task
def read_waiting_conversation(analysis_pk: int) -> str:
    """Read a large chat that is waiting; return the analysis's new status (no content)."""
    return services.lens_analysis_run(analysis_pk=analysis_pk)
