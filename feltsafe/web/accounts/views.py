"""Account pages: sign-up, log-out, re-authentication, two-step verification, your devices,
password and e-mail, password reset by e-mail, and the emergency reset. Log-in is Django's own
view with our template."""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from feltsafe.web.accounts import services
from feltsafe.web.accounts.client_ip import client_ip
from feltsafe.web.accounts.forms import (
    CodeForm,
    EmailForm,
    EnrolForm,
    PasswordConfirmForm,
    SignupForm,
)
from feltsafe.web.accounts.models import DeviceSession, RecoveryCodeDevice
from feltsafe.web.accounts.reauth import mark_recent_auth, require_recent_auth
from feltsafe.web.accounts.services import user_create
from feltsafe.web.audit.services import audit_record
from feltsafe.web.typing import AuthenticatedRequest

CLEAR_SITE_DATA = '"cache", "cookies", "storage"'
RECOVERY_CODES_SESSION_KEY = "feltsafe_new_recovery_codes"
EMERGENCY_RESET_SESSION_KEY = "feltsafe_emergency_reset"


def _safe_next(request: HttpRequest, fallback: str = "dashboard") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(fallback)


@sensitive_post_parameters("password1", "password2")
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = user_create(
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password1"],
            email=form.cleaned_data.get("email") or "",
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("dashboard")
    return render(request, "accounts/signup.html", {"form": form})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    response = redirect("home")
    response["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' lockout page: the same for every username, whether or not it exists."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)


@login_required
def account_settings(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "accounts/settings.html",
        {
            "mfa_on": services.mfa_enabled(user=request.user),
            "codes_left": services.recovery_codes_left(user=request.user),
            "session_count": DeviceSession.objects.filter(user=request.user).count(),
        },
    )


# --- re-authentication ----------------------------------------------------------------------


@login_required
@sensitive_post_parameters("password")
def reauth(request: AuthenticatedRequest) -> HttpResponse:
    form = PasswordConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request, username=request.user.get_username(), password=form.cleaned_data["password"]
        )
        if user is not None and user.pk == request.user.pk:
            mark_recent_auth(request)
            audit_record(actor=request.user, action="reauth")
            return redirect(_safe_next(request, "accounts:settings"))
        audit_record(actor=request.user, action="reauth.failed", outcome="failed")
        form.add_error("password", "That password didn't match. Please try again.")
    return render(
        request,
        "accounts/reauth.html",
        {"form": form, "next": _safe_next(request, "accounts:settings")},
    )


# --- two-step verification ------------------------------------------------------------------


@login_required
@sensitive_post_parameters("code")
def otp_verify(request: AuthenticatedRequest) -> HttpResponse:
    """The second step at log-in, for people who turned two-step verification on."""
    user: Any = request.user
    next_url = _safe_next(request)
    if user.is_verified() or not services.mfa_enabled(user=request.user):
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip().replace(" ", "")
        device: Any = None
        totp = services.totp_device_for(user=request.user)
        if totp is not None and code.isdigit():
            device = verify_token(request.user, totp.persistent_id, code)
        action = "mfa.verify"
        if device is None and not code.isdigit():
            recovery = RecoveryCodeDevice.objects.filter(user=request.user).first()
            if recovery is not None:
                device = verify_token(request.user, recovery.persistent_id, code)
                action = "mfa.recovery_code.used"
        if device is not None:
            otp_login(request, device)
            old_key = request.session.session_key
            request.session.cycle_key()  # a new key for the now fully verified session
            services.device_session_rekey(old_key=old_key, new_key=request.session.session_key)
            audit_record(actor=request.user, action=action)
            if action == "mfa.recovery_code.used":
                left = services.recovery_codes_left(user=request.user)
                messages.info(
                    request,
                    f"You used a recovery code; {left} left. "
                    "You can make new ones in your account.",
                )
            return redirect(next_url)
        audit_record(actor=request.user, action="mfa.verify.failed", outcome="failed")
        form.add_error(
            "code",
            "That code didn't work. Codes change every 30 seconds and each works once; "
            "after a few tries, please wait a moment before the next.",
        )
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url})


def _qr_svg(url: str) -> str:
    """The set-up link as an SVG QR code, drawn here (no outside service sees the key)."""
    return str(
        segno.make(url, error="m").svg_inline(
            scale=4, border=2, omitsize=True, light="#fff", title="QR code of the set-up key"
        )
    )


def _group(key: str) -> str:
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@login_required
@require_recent_auth
@sensitive_post_parameters("code")
def mfa_enrol(request: AuthenticatedRequest) -> HttpResponse:
    if services.mfa_enabled(user=request.user):
        return redirect("accounts:mfa")
    device = services.totp_begin(user=request.user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.totp_confirm(
            user=request.user, device=device, token=form.cleaned_data["code"]
        )
        if codes is not None:
            otp_login(request, TOTPDevice.objects.get(pk=device.pk))
            request.session[RECOVERY_CODES_SESSION_KEY] = codes
            return redirect("accounts:recovery_codes")
        form.add_error(
            "code", "That code didn't match. Check the clock on your phone and try the next one."
        )
    key = b32encode(device.bin_key).decode("ascii")
    return render(
        request,
        "accounts/mfa_enrol.html",
        {"form": form, "key": _group(key), "qr_svg": _qr_svg(device.config_url)},
    )


@login_required
def mfa(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "accounts/mfa.html",
        {
            "mfa_on": services.mfa_enabled(user=request.user),
            "codes_left": services.recovery_codes_left(user=request.user),
        },
    )


@login_required
@require_recent_auth
def recovery_codes(request: AuthenticatedRequest) -> HttpResponse:
    """Shows freshly made codes once; a POST makes new ones (the old stop working)."""
    if not services.mfa_enabled(user=request.user):
        return redirect("accounts:mfa")
    if request.method == "POST":
        request.session[RECOVERY_CODES_SESSION_KEY] = services.recovery_codes_regenerate(
            user=request.user
        )
        return redirect("accounts:recovery_codes")
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


@login_required
@require_recent_auth
def mfa_disable(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        services.mfa_disable(user=request.user)
        messages.info(request, "Two-step verification is off.")
        return redirect("accounts:mfa")
    return render(request, "accounts/mfa_disable.html")


# --- your devices ---------------------------------------------------------------------------


@login_required
def devices(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "accounts/devices.html",
        {
            "sessions": DeviceSession.objects.filter(user=request.user),
            "current_key": request.session.session_key,
        },
    )


@login_required
@require_POST
def device_sign_out(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    device_session = get_object_or_404(DeviceSession, user=request.user, pk=pk)
    is_current = device_session.session_key == request.session.session_key
    services.session_revoke(user=request.user, device_session=device_session)
    if is_current:
        logout(request)
        response = redirect("home")
        response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response
    messages.info(request, "That device is signed out.")
    return redirect("accounts:devices")


@login_required
@require_POST
def devices_sign_out_others(request: AuthenticatedRequest) -> HttpResponse:
    count = services.sessions_revoke_others(
        user=request.user, keep_session_key=request.session.session_key
    )
    messages.info(
        request,
        "Every other device is signed out." if count else "No other device was signed in.",
    )
    return redirect("accounts:devices")


# --- password and e-mail --------------------------------------------------------------------


@login_required
@require_recent_auth
@sensitive_post_parameters("new_password1", "new_password2")
def password_change(request: AuthenticatedRequest) -> HttpResponse:
    form = SetPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_change(
            user=request.user,
            new_password=form.cleaned_data["new_password1"],
            keep_session_key=request.session.session_key,
        )
        update_session_auth_hash(request, request.user)
        messages.info(request, "Your password is changed, and every other device is signed out.")
        return redirect("accounts:settings")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
@require_recent_auth
def email_change(request: AuthenticatedRequest) -> HttpResponse:
    form = EmailForm(request.POST or None, initial={"email": request.user.email})
    if request.method == "POST" and form.is_valid():
        services.email_change(user=request.user, email=form.cleaned_data["email"] or "")
        messages.info(request, "Your e-mail address is saved.")
        return redirect("accounts:settings")
    return render(request, "accounts/email_change.html", {"form": form})


# --- password reset by e-mail -----------------------------------------------------------------


def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a reset link. The next page is the same whether or not the address has an account."""
    form = PasswordResetForm(request.POST or None)
    form.fields["email"].label = "E-mail address"
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(
            email=form.cleaned_data["email"],
            ip_address=client_ip(request),
            domain=request.get_host(),
            use_https=request.is_secure(),
        )
        return redirect("accounts:password_reset_done")
    return render(request, "accounts/password_reset.html", {"form": form})


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    """Django's link check (single use, expiring, token kept out of the URL after the first
    request); the new password then goes through our service, and nobody is logged in."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    post_reset_login = False

    def form_valid(self, form: SetPasswordForm[User]) -> HttpResponse:
        services.password_reset_complete(
            user=form.user, new_password=form.cleaned_data["new_password1"]
        )
        # Drop the reset token, and this browser's session if it was one of the account's.
        self.request.session.flush()
        return HttpResponseRedirect(self.get_success_url())


# --- emergency reset ----------------------------------------------------------------------------


@login_required
@require_recent_auth
def emergency_reset(request: AuthenticatedRequest) -> HttpResponse:
    """A plain description of what will happen, and one button that does all of it."""
    if request.method == "POST":
        result = services.emergency_reset(
            user=request.user, keep_session_key=request.session.session_key
        )
        old_key = request.session.session_key
        request.session.cycle_key()  # this browser keeps going, under a new key
        services.device_session_rekey(old_key=old_key, new_key=request.session.session_key)
        request.session[EMERGENCY_RESET_SESSION_KEY] = {
            "sessions_ended": result.sessions_ended,
            "links_ended": result.links_ended,
            "therapists_stopped": result.therapists_stopped,
            "codes": result.recovery_codes,
        }
        return redirect("accounts:emergency_reset_done")
    return render(
        request,
        "accounts/emergency_reset.html",
        {
            "mfa_on": services.mfa_enabled(user=request.user),
            **services.emergency_reset_preview(
                user=request.user, keep_session_key=request.session.session_key
            ),
        },
    )


@login_required
def emergency_reset_done(request: AuthenticatedRequest) -> HttpResponse:
    """What was done, and the new recovery codes, shown this once."""
    summary = request.session.pop(EMERGENCY_RESET_SESSION_KEY, None)
    if summary is None:
        return redirect("accounts:settings")
    return render(request, "accounts/emergency_reset_done.html", summary)
