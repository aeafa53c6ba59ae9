"""The site's public address (settings.SITE_BASE_URL) and the Wagtail Site record
that follows it.

Wagtail builds every absolute page URL (canonical links, Open Graph, JSON-LD,
the sitemap, feeds, the API's html_url) from the default Site's hostname and
port. SITE_BASE_URL is the one source of truth: each ``migrate`` (which every
deploy runs) copies it onto the default Site, so the record can neither be
forgotten at go-live nor drift afterwards (docs/decisions/0021). This module
imports no models at load time: production settings use the parser.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_DEFAULT_PORTS = {"http": 80, "https": 443}


def parse_site_base_url(value):
    """Split a base URL into (normalised URL, scheme, hostname, port).

    Only what a Wagtail Site can express is accepted: ``http`` or ``https``, a
    host, an optional port, no path, query, fragment or credentials. Wagtail
    derives the scheme from the port (443 means https, anything else http), so
    https must use port 443 and http any other port.
    """
    raw = (value or "").strip()
    example = "e.g. https://places.example.nhs.uk"
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as error:
        raise ImproperlyConfigured(f"SITE_BASE_URL {raw!r} is not a valid URL ({error}).") from None
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ImproperlyConfigured(
            f"SITE_BASE_URL must be an http:// or https:// address with a host name "
            f"({example}), not {raw!r}."
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise ImproperlyConfigured(
            f"SITE_BASE_URL must be only the scheme, host and port ({example}), not {raw!r}: "
            "the site is served from the root of its address."
        )
    port = port or _DEFAULT_PORTS[parts.scheme]
    if parts.scheme == "https" and port != 443:
        raise ImproperlyConfigured(
            f"SITE_BASE_URL {raw!r}: https must use port 443 (Wagtail's Site record "
            "treats every other port as plain http)."
        )
    if parts.scheme == "http" and port == 443:
        raise ImproperlyConfigured(f"SITE_BASE_URL {raw!r}: port 443 means https.")
    hostname = parts.hostname
    netloc = f"[{hostname}]" if ":" in hostname else hostname
    if port != _DEFAULT_PORTS[parts.scheme]:
        netloc += f":{port}"
    return f"{parts.scheme}://{netloc}", parts.scheme, hostname, port


def sync_default_site(using="default"):
    """Point the default Site at SITE_BASE_URL; returns the Site, or None if
    there is none yet (the initial-content loader creates it).

    Saved through the real model so Wagtail's signal handlers clear its cached
    site root paths on every instance that shares the cache.
    """
    from django.conf import settings
    from wagtail.models import Site

    _, _, hostname, port = parse_site_base_url(settings.SITE_BASE_URL)
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None:
        return None
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(using=using, update_fields=["hostname", "port"])
    return site


def sync_default_site_after_migrate(sender, using="default", **kwargs):
    """post_migrate receiver (connected for the core app only): every deploy
    runs ``migrate``, so the Site follows SITE_BASE_URL from the first deploy on.
    Skipped while Wagtail's tables do not exist (a partial migrate)."""
    from django.db import connections
    from wagtail.models import Site

    if Site._meta.db_table not in connections[using].introspection.table_names():
        return
    sync_default_site(using=using)
