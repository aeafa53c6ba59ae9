"""Emails the site sends (alerts, accessible-format requests): accessible
plain text plus simple HTML from templates, with absolute links.

Links must be absolute and background workers have no request, so they are
built from the default Wagtail site's root URL. An email with an
``unsubscribe_url`` carries a one-click unsubscribe link in its body (the
template shows it) and the List-Unsubscribe and List-Unsubscribe-Post headers
(RFC 2369, RFC 8058).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from wagtail.models import Site


def site_root_url():
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path):
    return site_root_url() + path


def organisation_name():
    from lscpartnerships.core.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return settings.WAGTAIL_SITE_NAME
    return SiteSettings.for_site(site).organisation_name


def build_email(template, context, to, unsubscribe_url=None, reply_to=None):
    """An EmailMultiAlternatives from templates/<template>_subject.txt,
    <template>.txt and <template>.html."""
    context = {
        "organisation_name": organisation_name(),
        "site_url": site_root_url(),
        "unsubscribe_url": unsubscribe_url,
        **context,
    }
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", {**context, "subject": subject})
    headers = {"Auto-Submitted": "auto-generated"}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
        reply_to=[reply_to] if reply_to else None,
    )
    message.attach_alternative(html, "text/html")
    return message
