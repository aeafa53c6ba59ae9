"""Stakeholder briefings, their documents and feeds."""
