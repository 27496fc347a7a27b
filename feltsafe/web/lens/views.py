"""Thin views for the conversation lens: upload or paste, the report, delete, and the coach."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import decorator_from_middleware
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from feltsafe.web.lens import services
from feltsafe.web.lens.forms import AnalysisForm, CoachForm
from feltsafe.web.lens.models import LensAnalysis
from feltsafe.web.lens.report import marker_label, message_view, report_context
from feltsafe.web.lens.uploads import PrivateTempUploadHandler, PrivateUpload
from feltsafe.web.middleware import CsrfMiddleware
from feltsafe.web.safety.routing import directory_for, person_country
from feltsafe.web.typing import AuthenticatedRequest

MESSAGES_PER_PAGE = 200

# The project's CSRF check (which accepts the `Origin: null` of `Referrer-Policy: no-referrer`
# only with `Sec-Fetch-Site: same-origin`), as a decorator for the upload view's inner half.
csrf_protect = decorator_from_middleware(CsrfMiddleware)


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    analyses = services.lens_analysis_list(owner=request.user, unfinished=True)
    return render(request, "lens/index.html", {"analyses": analyses})


def _render_new(
    request: AuthenticatedRequest,
    form: AnalysisForm,
    *,
    error: str | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "lens/new.html",
        {"form": form, "error": error, "large": settings.FELTSAFE_LENS_BACKGROUND_MESSAGES},
        status=status,
    )


@csrf_exempt
@login_required
@sensitive_post_parameters("text")
@require_http_methods(["GET", "POST"])
def analysis_new(request: AuthenticatedRequest) -> HttpResponseBase:
    """Upload or paste a chat. The upload handler is set before anything reads the body.

    That is why this outer view is ``csrf_exempt``: the CSRF check (``_analysis_new``'s
    ``csrf_protect``) reads the body, so it must run after the handler is in place.
    """
    if request.method != "POST":
        return _analysis_new(request, None)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > services.MAX_REQUEST_BYTES:
        error = services.too_large_error()
        form = AnalysisForm(owner=request.user)
        return _render_new(request, form, error=error.message, status=error.status)
    handler = PrivateTempUploadHandler(request)
    request.upload_handlers = [handler]
    try:
        return _analysis_new(request, handler)
    finally:
        for upload in request.FILES.getlist("file") if hasattr(request, "_files") else []:
            upload.close()
        handler.discard()


@csrf_protect
def _analysis_new(
    request: AuthenticatedRequest, handler: PrivateTempUploadHandler | None
) -> HttpResponse:
    if request.method != "POST" or handler is None:
        return _render_new(request, AnalysisForm(owner=request.user))
    form = AnalysisForm(request.POST, request.FILES, owner=request.user)
    if handler.error is not None:
        return _render_new(request, form, error=handler.error.message, status=handler.error.status)
    if not form.is_valid():
        return _render_new(request, form, status=400)
    data = form.cleaned_data
    upload = data["file"]
    source: Path | str = upload.path if isinstance(upload, PrivateUpload) else data["text"]
    try:
        analysis = services.lens_analysis_submit(
            owner=request.user,
            path_or_text=source,
            fmt=data["format"],
            relationship=data["relationship"],
            keep_text=data["keep_text"],
        )
    except services.LensInputError as exc:
        return _render_new(request, form, error=exc.message, status=exc.status)
    return redirect("lens:detail", pk=analysis.pk)


def _render_reading(request: AuthenticatedRequest, analysis: LensAnalysis) -> HttpResponse:
    """The page for a chat still being read (it polls), or one that could not be read."""
    context: dict[str, object] = {"analysis": analysis}
    if analysis.status == LensAnalysis.Status.FAILED:
        context["failure"] = services.failure_message(analysis)
    return render(request, "lens/reading.html", context)


@login_required
def analysis_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    analysis = services.lens_analysis_get(owner=request.user, pk=pk, unfinished=True)
    if analysis.status != LensAnalysis.Status.DONE:
        return _render_reading(request, analysis)
    context = report_context(analysis)
    if context["crisis"] or context["abuse"] or context["at_risk"]:
        context["directory"] = directory_for(person_country(request))
    page = Paginator(services.lens_messages(analysis=analysis), MESSAGES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context["page"] = page
    context["message_views"] = [message_view(m, kept=analysis.kept_text) for m in page]
    return render(request, "lens/report.html", context)


@login_required
@require_GET
def analysis_progress(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """What HTMX polls every 2 s on the reading page: nothing new (204), the fragment when the
    status moved on, or, once the reading has finished, a redirect to the report (or failure).
    """
    analysis = services.lens_analysis_get(owner=request.user, pk=pk, unfinished=True)
    detail = reverse("lens:detail", args=[analysis.pk])
    if not getattr(request, "htmx", False):
        return redirect(detail)
    if analysis.finished:
        return HttpResponseClientRedirect(detail)
    if request.GET.get("seen") == analysis.status:
        return HttpResponse(status=204)
    return render(request, "lens/reading.html#progress", {"analysis": analysis})


@login_required
@require_http_methods(["GET", "POST"])
def analysis_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    analysis = services.lens_analysis_get(owner=request.user, pk=pk, unfinished=True)
    if request.method == "POST":
        services.lens_analysis_delete(analysis=analysis)
        messages.success(request, "The analysis was deleted.")
        return redirect("lens:index")
    return render(request, "lens/delete.html", {"analysis": analysis})


def _coach_context(request: AuthenticatedRequest, form: CoachForm) -> dict[str, object]:
    result = None
    if form.is_bound and form.is_valid() and form.cleaned_data["text"].strip():
        result = services.lens_coach(text=form.cleaned_data["text"])
    context: dict[str, object] = {"form": form, "result": result}
    if result is not None:
        context["markers"] = [
            {
                "label": marker_label(m),
                "evidence": result.evidence.get(m, []),
            }
            for m in result.markers
        ]
        if result.crisis:
            context["directory"] = directory_for(person_country(request))
    return context


@login_required
@sensitive_post_parameters("text")
@require_http_methods(["GET", "POST"])
def coach(request: AuthenticatedRequest) -> HttpResponse:
    """The message coach as a page (works without JavaScript). Drafts are never stored."""
    form = CoachForm(request.POST if request.method == "POST" else None)
    return render(request, "lens/coach.html", _coach_context(request, form))


@login_required
@sensitive_post_parameters("text")
@require_POST
def coach_result(request: AuthenticatedRequest) -> HttpResponse:
    """Only the coach's result, for HTMX to swap in as the person types."""
    form = CoachForm(request.POST)
    return render(request, "lens/coach.html#coach-result", _coach_context(request, form))
