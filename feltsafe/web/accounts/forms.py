"""Sign-up: a username and a password; e-mail is optional."""

from typing import Any

from django import forms
from django.contrib.auth.forms import BaseUserCreationForm
from django.contrib.auth.models import User


class SignupForm(BaseUserCreationForm[User]):
    email = forms.EmailField(
        required=False,
        help_text="Optional. Only used if you ask for a password reset; never shared.",
    )

    class Meta:
        model = User
        fields = ("username", "email")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "username"
        ].help_text = "Any name you like; it does not need to be your real name."
        self.fields["password1"].help_text = (
            "At least 8 characters. A longer phrase of a few words is easier to remember "
            "and harder to guess."
        )


class PasswordConfirmForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text=("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label="The 6-digit code your app shows now",
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class EmailForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address",
        required=False,
        help_text="Optional. Leave it empty to remove it.",
    )
