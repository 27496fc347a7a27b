"""Account services."""

from django.contrib.auth.models import User
from django.db import transaction


@transaction.atomic
def user_create(*, username: str, password: str, email: str = "") -> User:
    """Create a person's account with a hashed password."""
    return User.objects.create_user(username=username, password=password, email=email)
