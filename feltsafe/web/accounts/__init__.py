"""Accounts: sign-up, log in and out."""
