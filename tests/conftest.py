"""Fixtures every test folder shares: a site whose root is a HomePage, and users."""

import pytest
from wagtail.models import Page, Site

from lscpartnerships.core.factories import HomePageFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (local memory outlives a test's
    database transaction)."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture
def home(db):
    """A HomePage as the default site's root (as load_initial_content makes it)."""
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.invalid", "pw")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def initial_content(db):
    """The whole initial content, loaded as `make run` loads it."""
    from django.core.management import call_command

    call_command("load_initial_content", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Site.objects.get(is_default_site=True).root_page.specific
