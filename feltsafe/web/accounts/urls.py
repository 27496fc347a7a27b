from django.contrib.auth import views as auth_views
from django.urls import path

from feltsafe.web.accounts import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", views.logout_view, name="logout"),
    path("", views.account_settings, name="settings"),
    path("confirm-password/", views.reauth, name="reauth"),
    path("verify/", views.otp_verify, name="otp_verify"),
    path("two-step/", views.mfa, name="mfa"),
    path("two-step/set-up/", views.mfa_enrol, name="mfa_enrol"),
    path("two-step/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("two-step/turn-off/", views.mfa_disable, name="mfa_disable"),
    path("devices/", views.devices, name="devices"),
    path("devices/<int:pk>/sign-out/", views.device_sign_out, name="device_sign_out"),
    path("devices/sign-out-others/", views.devices_sign_out_others, name="devices_sign_out_others"),
    path("password/", views.password_change, name="password_change"),
    path("email/", views.email_change, name="email_change"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("emergency-reset/", views.emergency_reset, name="emergency_reset"),
    path("emergency-reset/done/", views.emergency_reset_done, name="emergency_reset_done"),
]
