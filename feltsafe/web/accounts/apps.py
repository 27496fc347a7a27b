from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "feltsafe.web.accounts"
    label = "accounts"
