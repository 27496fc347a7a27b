"""Privacy: export all my data, delete my account, and keep content out of logs and errors."""
