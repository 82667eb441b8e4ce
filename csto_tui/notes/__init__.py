"""The user's own data: marks and notes on store records, kept apart from the read-only shipped store."""
