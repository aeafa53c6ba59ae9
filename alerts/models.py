"""Subscriptions, alerts and deliveries.

- A ``Subscription`` exists only once its owner clicked the confirmation link
  (double opt-in): until then the choices travel inside the signed link, so an
  unconfirmed or mistyped address is never stored. Unsubscribing deletes it.
- An ``Alert`` is the announcement of one page's *first* publication. Its
  ``page`` is unique in the database, so publishing again — or two app
  instances publishing at the same moment — can never create a second alert.
- A ``Delivery`` is one alert to one subscriber, unique per pair: the worker
  marks it sent under a row lock, so each subscriber gets each alert once.
"""

from django.db import models

from .choices import BRIEFINGS, DECISIONS, LIST_CHOICES, LIST_LABELS


class Subscription(models.Model):
    email = models.EmailField(
        max_length=254, unique=True, help_text="The subscriber's address (stored lower-case)."
    )
    briefings = models.BooleanField(default=False, help_text="Wants new briefings.")
    decisions = models.BooleanField(default=False, help_text="Wants new board decisions.")
    places = models.ManyToManyField(
        "places.PlacePartnershipPage",
        blank=True,
        related_name="+",
        help_text="Only these places; none chosen means every place.",
    )
    confirmed_at = models.DateTimeField(help_text="When the address was confirmed.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(briefings=True) | models.Q(decisions=True),
                name="alerts_subscription_wants_something",
            )
        ]

    def __str__(self):
        return self.email

    @property
    def lists(self):
        return [key for key in (BRIEFINGS, DECISIONS) if getattr(self, key)]

    @property
    def lists_text(self):
        return " and ".join(LIST_LABELS[key].lower() for key in self.lists)


class Alert(models.Model):
    """The announcement of a page's first publication (one per page, ever)."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", unique=True
    )
    list_name = models.CharField("list", max_length=20, choices=LIST_CHOICES)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    url = models.URLField(max_length=500)
    place_ids = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    recipients_chosen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class Delivery(models.Model):
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "subscription"], name="alerts_delivery_once_per_subscriber"
            )
        ]

    def __str__(self):
        return f"{self.alert} → subscription {self.subscription_id}"
