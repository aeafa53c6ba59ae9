"""Choices of the briefings app (pure data, imports nothing)."""

#: Who a briefing is written for; readers filter the list by it.
AUDIENCE_CHOICES = [
    ("stakeholders", "Stakeholders"),
    ("staff", "Staff"),
    ("partners", "Partners"),
    ("public", "The public"),
]
