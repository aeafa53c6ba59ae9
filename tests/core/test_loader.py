"""`load_initial_content` builds the site from the seeds, once."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from lscpartnerships.core.models import ContentPage, FooterLink, HomePage, SeedRecord

pytestmark = pytest.mark.django_db


def load():
    call_command("load_initial_content", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_builds_home_and_narrative_pages():
    load()
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    titles = set(home.get_children().live().values_list("title", flat=True))
    assert {
        "What do we mean by a place-based partnership?",
        "Review of place-based partnerships and the board’s decision",
        "The core aims of a place-based partnership",
        "Next steps",
    } <= titles
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    aims = ContentPage.objects.get(slug="core-aims")
    assert aims.body[0].value["items"][0] == (
        "Improve the health and wellbeing of the population and reduce inequalities."
    )


def test_running_twice_duplicates_nothing():
    load()
    counts = (Page.objects.count(), FooterLink.objects.count(), SeedRecord.objects.count())
    load()
    assert (Page.objects.count(), FooterLink.objects.count(), SeedRecord.objects.count()) == counts


def test_editor_changes_survive_a_second_run():
    load()
    page = ContentPage.objects.get(slug="next-steps")
    page.title = "What happens next"
    page.save_revision().publish()
    ContentPage.objects.get(slug="core-aims").delete()
    load()
    assert ContentPage.objects.get(slug="next-steps").title == "What happens next"
    assert not ContentPage.objects.filter(slug="core-aims").exists()


def test_seed_pages_have_revisions_and_are_published():
    load()
    for page in ContentPage.objects.all():
        assert page.live and page.latest_revision_id, page.title
