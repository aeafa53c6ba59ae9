"""Public pages of email alerts: subscribe, check your email, confirm,
unsubscribe, privacy notice.

None of them is cached (never_cache): they carry CSRF tokens or act on a
personal link. Every answer to bad input is a page with a clear message, never
an error; nothing is stored before the confirmation link is used.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.shortcuts import render as render_page
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from lscpartnerships.core import ratelimit
from places.links import public_places

from . import tokens
from .choices import LIST_LABELS
from .emails import confirmation_email
from .forms import SubscribeForm, join_and
from .models import Subscription


def render(request, template_name, context=None, **kwargs):
    """Every page here is for one visitor, not for search engines (`noindex`,
    written by templates/base_shell.html)."""
    return render_page(request, template_name, {"noindex": True, **(context or {})}, **kwargs)


logger = logging.getLogger(__name__)


def _limit(name, default):
    return getattr(settings, name, default)


def place_options():
    """(id, title) of every live public place partnership page."""
    return list(public_places().order_by("title").values_list("pk", "title"))


def lists_text(lists):
    return join_and(LIST_LABELS[key].lower() for key in lists if key in LIST_LABELS)


@method_decorator(never_cache, name="dispatch")
class SubscribeView(View):
    template_name = "alerts/subscribe.html"

    def get(self, request):
        return self.show(SubscribeForm(places=place_options()))

    def show(self, form, status=200, rate_limited=False):
        return render(
            request=self.request,
            template_name=self.template_name,
            context={"form": form, "rate_limited": rate_limited},
            status=status,
        )

    def post(self, request):
        form = SubscribeForm(request.POST, places=place_options())
        if not ratelimit.allow(
            "alerts-ip",
            ratelimit.client_ip(request),
            _limit("ALERTS_SUBSCRIBE_LIMIT_PER_IP", 10),
            _limit("ALERTS_SUBSCRIBE_WINDOW", 3600),
        ):
            return self.show(form, status=429, rate_limited=True)
        if form.is_bot:
            logger.info("Subscription form: honeypot filled; nothing sent.")
            return redirect("alerts:check_email")
        if not form.is_valid():
            return self.show(form, status=400)
        email = form.cleaned_data["email"]
        if not ratelimit.allow(
            "alerts-email",
            email.lower(),
            _limit("ALERTS_CONFIRMATIONS_PER_ADDRESS", 3),
            _limit("ALERTS_SUBSCRIBE_WINDOW", 3600),
        ):
            # Same answer as success: a stranger cannot learn anything, and
            # the address's owner is not flooded.
            return redirect("alerts:check_email")
        token = tokens.make_confirmation_token(email, form.cleaned_data["lists"], form.place_ids())
        message = confirmation_email(
            email, token, lists_text(form.cleaned_data["lists"]), form.places_text()
        )
        try:
            message.send()
        except Exception:  # noqa: BLE001 - a mail outage must not become a 500
            logger.exception("Could not send a subscription confirmation email.")
            form.add_error(
                None,
                "We could not send the confirmation email just now. Nothing has been saved. "
                "Please try again in a few minutes.",
            )
            return self.show(form, status=503)
        return redirect("alerts:check_email")


@never_cache
def check_email(request):
    return render(
        request, "alerts/check_email.html", {"valid_days": tokens.confirmation_max_age() // 86400}
    )


@method_decorator(never_cache, name="dispatch")
class ConfirmView(View):
    """GET shows what will be subscribed and a button; POST subscribes. Link
    scanners in mail systems follow links but do not press buttons."""

    def read(self, token):
        try:
            return tokens.read_confirmation_token(token), None
        except tokens.ExpiredLink:
            return None, "expired"
        except tokens.BadLink:
            return None, "invalid"

    def choices(self, data):
        lists = [key for key in data.get("l", []) if key in LIST_LABELS]
        titles = dict(place_options())
        place_ids = [pk for pk in data.get("p", []) if pk in titles]
        return lists, place_ids, titles

    def get(self, request, token):
        data, problem = self.read(token)
        if problem:
            return render(request, "alerts/link_problem.html", {"problem": problem}, status=400)
        lists, place_ids, titles = self.choices(data)
        return render(
            request,
            "alerts/confirm.html",
            {
                "email": data["e"],
                "lists_text": lists_text(lists),
                "places_text": join_and(titles[pk] for pk in place_ids) or "every place",
            },
        )

    def post(self, request, token):
        data, problem = self.read(token)
        if problem:
            return render(request, "alerts/link_problem.html", {"problem": problem}, status=400)
        lists, place_ids, titles = self.choices(data)
        if not lists:
            return render(request, "alerts/link_problem.html", {"problem": "invalid"}, status=400)
        with transaction.atomic():
            subscription, _ = Subscription.objects.select_for_update().update_or_create(
                email=data["e"].lower(),
                defaults={
                    "briefings": "briefings" in lists,
                    "decisions": "decisions" in lists,
                    "confirmed_at": timezone.now(),
                },
            )
            subscription.places.set(place_ids)
        return render(
            request,
            "alerts/confirmed.html",
            {
                "lists_text": lists_text(lists),
                "places_text": join_and(titles[pk] for pk in place_ids) or "every place",
            },
        )


@method_decorator(never_cache, name="dispatch")
@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    """GET: a page with one button. POST (the button, or a mail client's
    RFC 8058 one-click request): delete the subscription. The signed link is
    the credential, so the POST needs no CSRF token."""

    def subscription(self, token):
        try:
            pk, email_hash = tokens.read_unsubscribe_token(token)
        except tokens.BadLink:
            return None, True
        subscription = Subscription.objects.filter(pk=pk).first()
        if subscription is None or not tokens.matches(subscription, email_hash):
            return None, False
        return subscription, False

    def get(self, request, token):
        subscription, bad = self.subscription(token)
        if bad:
            return render(request, "alerts/link_problem.html", {"problem": "invalid"}, status=400)
        return render(request, "alerts/unsubscribe.html", {"subscription": subscription})

    def post(self, request, token):
        subscription, bad = self.subscription(token)
        if bad:
            return render(request, "alerts/link_problem.html", {"problem": "invalid"}, status=400)
        if subscription is not None:
            subscription.delete()
        return render(request, "alerts/unsubscribed.html")


@never_cache
def privacy(request):
    return render(request, "alerts/privacy.html")
