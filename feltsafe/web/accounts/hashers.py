"""A cheap Argon2id hasher for the test suite only (the format is the same: `argon2$argon2id$`)."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    algorithm = "argon2"
    time_cost = 1
    memory_cost = 8
    parallelism = 1
