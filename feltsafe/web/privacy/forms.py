from django import forms

CONFIRMATION_PHRASE = "delete my account"


class DeleteAccountForm(forms.Form):
    confirmation = forms.CharField(
        label=f'Type "{CONFIRMATION_PHRASE}" to confirm',
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_confirmation(self) -> str:
        typed = " ".join(self.cleaned_data["confirmation"].lower().split())
        if typed != CONFIRMATION_PHRASE:
            raise forms.ValidationError(
                f'Please type "{CONFIRMATION_PHRASE}" exactly, or leave this page to keep '
                "your account."
            )
        return typed
