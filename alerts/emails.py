"""Alert emails (built by lscpartnerships.core.emails.build_email): every one
has a one-click unsubscribe link and the List-Unsubscribe headers."""

from django.urls import reverse

from lscpartnerships.core.emails import absolute_url, build_email


def unsubscribe_url(subscription):
    from .tokens import make_unsubscribe_token

    return absolute_url(reverse("alerts:unsubscribe", args=[make_unsubscribe_token(subscription)]))


def alert_email(alert, subscription):
    return build_email(
        "alerts/emails/alert",
        {"alert": alert, "subscription": subscription},
        to=subscription.email,
        unsubscribe_url=unsubscribe_url(subscription),
    )


def confirmation_email(email, token, lists_text, places_text):
    return build_email(
        "alerts/emails/confirm",
        {
            "confirm_url": absolute_url(reverse("alerts:confirm", args=[token])),
            "lists_text": lists_text,
            "places_text": places_text,
            "valid_days": _days(),
        },
        to=email,
    )


def _days():
    from .tokens import confirmation_max_age

    return max(1, confirmation_max_age() // 86400)
