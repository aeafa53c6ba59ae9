"""Signed links (django.core.signing): nothing to store, nothing to guess.

- The confirmation link carries the subscriber's choices and expires after
  ``ALERTS_CONFIRMATION_MAX_AGE`` seconds (default 3 days): until it is used
  the site stores nothing about the address.
- The unsubscribe link names the subscription and a hash of its address, so
  it stops working once the subscription is gone; it never expires (an old
  email must still let people leave).
"""

import hashlib

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "alerts.confirm"
UNSUBSCRIBE_SALT = "alerts.unsubscribe"
DEFAULT_CONFIRMATION_MAX_AGE = 3 * 24 * 60 * 60


class ExpiredLink(Exception):
    pass


class BadLink(Exception):
    pass


def confirmation_max_age():
    return int(getattr(settings, "ALERTS_CONFIRMATION_MAX_AGE", DEFAULT_CONFIRMATION_MAX_AGE))


def make_confirmation_token(email, lists, place_ids):
    return signing.dumps(
        {"e": email, "l": sorted(lists), "p": sorted(place_ids)}, salt=CONFIRM_SALT, compress=True
    )


def read_confirmation_token(token):
    """The choices in a confirmation link; ExpiredLink or BadLink otherwise."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=confirmation_max_age())
    except signing.SignatureExpired as error:
        raise ExpiredLink from error
    except signing.BadSignature as error:
        raise BadLink from error
    if not isinstance(data, dict) or not isinstance(data.get("e"), str):
        raise BadLink
    return data


def _email_hash(email):
    return hashlib.sha256(email.lower().encode()).hexdigest()[:16]


def make_unsubscribe_token(subscription):
    return signing.dumps([subscription.pk, _email_hash(subscription.email)], salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """(subscription id, email hash) from an unsubscribe link; BadLink otherwise."""
    try:
        pk, email_hash = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadLink from error
    return pk, email_hash


def matches(subscription, email_hash):
    return _email_hash(subscription.email) == email_hash
