"""What a reader can subscribe to, and which page types raise an alert.

Page types are named by label, so this app imports neither briefings nor
decisions (see docs/architecture.md: domain apps never import each other's internals)."""

BRIEFINGS = "briefings"
DECISIONS = "decisions"

LIST_CHOICES = [
    (BRIEFINGS, "New briefings"),
    (DECISIONS, "New board decisions"),
]
LIST_LABELS = dict(LIST_CHOICES)

#: Page model label → the list its first publication is announced to.
ALERT_PAGE_TYPES = {
    "briefings.briefingpage": BRIEFINGS,
    "decisions.boarddecisionpage": DECISIONS,
}
