"""The public accessible-format request form and its thank-you page.

Offered for every document the public may download that is not marked
accessible; anything else is a 404, so the form reveals nothing about private
documents. The request is stored first, then emailed to the comms team and
acknowledged to the requester; if email fails the request is still in the
admin queue, so no request is lost. Not cached (CSRF token, personal data).
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect
from django.shortcuts import render as render_page
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from wagtail.documents import get_document_model

from lscpartnerships.core import ratelimit
from lscpartnerships.core.emails import build_email

from .forms import FormatRequestForm
from .models import FormatRequest


def render(request, template_name, context=None, **kwargs):
    """Every page here is for one visitor, not for search engines (`noindex`,
    written by templates/base_shell.html)."""
    return render_page(request, template_name, {"noindex": True, **(context or {})}, **kwargs)


logger = logging.getLogger(__name__)

RECEIPT_SALT = "format_requests.receipt"
RECEIPT_MAX_AGE = 3600


def requestable_document(document_id):
    """The document if the public may download it and it is not accessible."""
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None or getattr(document, "accessible", False):
        raise Http404("No such document")
    is_published = getattr(document, "is_published", None)
    if callable(is_published) and not is_published():
        raise Http404("No such document")
    return document


def addresses(request):
    """(the comms team's address, the public contact address) from Site settings."""
    from lscpartnerships.core.models import SiteSettings

    site_settings = SiteSettings.for_request(request)
    public = (site_settings.contact_email or "").strip()
    return (site_settings.comms_email or "").strip() or public, public


def send_emails(request, format_request):
    """Tell the comms team, and acknowledge to the requester. Failures are
    logged: the request is already saved and shows in the admin queue."""
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "format_requests:edit", args=[format_request.pk]
    )
    context = {"format_request": format_request, "admin_url": admin_url}
    messages = []
    team, public = addresses(request)
    if team:
        messages.append(
            build_email(
                "format_requests/emails/new_request",
                context,
                to=team,
                reply_to=format_request.email,
            )
        )
    else:
        logger.warning(
            "No comms email in Site settings: request %s not emailed.", format_request.pk
        )
    messages.append(
        build_email(
            "format_requests/emails/acknowledgement",
            {**context, "contact_email": public},
            to=format_request.email,
        )
    )
    for message in messages:
        try:
            message.send()
        except Exception:  # noqa: BLE001 - a mail outage must not lose the request
            logger.exception("Could not send an accessible-format request email.")


@method_decorator(never_cache, name="dispatch")
class RequestFormView(View):
    template_name = "format_requests/request_form.html"

    def render_form(self, document, form, status=200, rate_limited=False):
        return render(
            self.request,
            self.template_name,
            {"document": document, "form": form, "rate_limited": rate_limited},
            status=status,
        )

    def get(self, request, document_id):
        document = requestable_document(document_id)
        return self.render_form(document, FormatRequestForm())

    def post(self, request, document_id):
        document = requestable_document(document_id)
        form = FormatRequestForm(request.POST)
        if not ratelimit.allow(
            "format-requests-ip",
            ratelimit.client_ip(request),
            getattr(settings, "FORMAT_REQUESTS_LIMIT_PER_IP", 10),
            3600,
        ):
            return self.render_form(document, form, status=429, rate_limited=True)
        if form.is_bot:
            logger.info("Format request form: honeypot filled; nothing stored.")
            return redirect("format_requests_public:thanks", document_id=document.pk)
        if not form.is_valid():
            return self.render_form(document, form, status=400)
        data = form.cleaned_data
        format_request = FormatRequest.objects.create(
            document=document,
            document_title=document.title[:255],
            name=data["name"],
            email=data["email"],
            format=data["format"],
            other_format=data["other_format"],
            note=data["note"],
        )
        send_emails(request, format_request)
        # The thank-you page shows the reply-by date; a short-lived signed id in
        # its address says which request (no session, no cookie for visitors).
        receipt = signing.dumps(format_request.pk, salt=RECEIPT_SALT)
        url = reverse("format_requests_public:thanks", args=[document.pk])
        return redirect(f"{url}?{urlencode({'receipt': receipt})}")


@never_cache
def thanks(request, document_id):
    document = requestable_document(document_id)
    format_request = None
    try:
        request_id = signing.loads(
            request.GET.get("receipt", ""), salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE
        )
    except signing.BadSignature:
        request_id = None
    if isinstance(request_id, int):
        format_request = FormatRequest.objects.filter(pk=request_id, document=document).first()
    return render(
        request,
        "format_requests/thanks.html",
        {"document": document, "format_request": format_request},
    )
