"""Couples: linking by invitation, private answers, consent-based sharing, repair together."""
