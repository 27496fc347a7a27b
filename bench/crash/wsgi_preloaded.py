"""The app as gunicorn serves it in the benchmarks, with every URL route imported up front.

With `--preload` the master imports this once and forks the workers from it, so a restarted
server answers its first request without each worker importing every view again.
"""

from django.urls import get_resolver

from feltsafe.web.wsgi import application

get_resolver().url_patterns  # noqa: B018 - imports the URLconf and every view module

__all__ = ["application"]
