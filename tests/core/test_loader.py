"""`load_initial_content` builds the site from the seeds, once."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from lscpartnerships.core.loading import DataLoader, InitialContentLoader, fixture_items
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


def write_fixtures(folder, text):
    folder.mkdir()
    (folder / "10-test.toml").write_text(text)
    return folder


def test_data_items_refer_to_each_other_and_drop_what_was_not_made(home, tmp_path):
    """A `{seed}` reference to an item that does not exist (here: a page whose
    parent is missing) drops the block that holds it; `{paragraphs}` and
    `{shared}` become rich text and the shared value."""
    SeedRecord.objects.create(key="core:home", object_id=home.pk)
    folder = write_fixtures(
        tmp_path / "fixtures",
        """
[[item]]
kind = "page"
key = "core:home"
type = "core.HomePage"
site_root = true
site_name = "Unused: the home page is already recorded"
fields.title = "Unused"

[[item]]
kind = "page"
key = "test:orphan"
type = "core.ContentPage"
parent = "test:no-such-parent-made"
fields.title = "Never made"

[[item]]
kind = "page"
key = "test:no-such-parent-made"
type = "core.ContentPage"
parent = "test:orphan"
fields.title = "Never made either"

[[item]]
kind = "page"
key = "test:aims"
type = "core.ContentPage"
parent = "core:home"

[item.fields]
title = "Aims"
summary = "The aims."
slug = "aims"

[[item.fields.body]]
type = "rich_text"
value.paragraphs = ["One.", "Two."]

[[item.fields.body]]
type = "aims_list"
value.introduction = "The aims:"
value.style = "bullet"
value.items = { shared = "core_aims" }

[[item]]
kind = "update"
key = "test:home-links"
page = { seed = "core:home" }

[[item.fields.about_links]]
type = "link"
value.page = { seed = "test:aims" }
value.description = ""

[[item.fields.about_links]]
type = "link"
value.page = { seed = "test:orphan" }
value.description = ""
""",
    )
    loader = InitialContentLoader(log=lambda message: None)
    DataLoader(loader, fixture_items(folder)).run()

    aims = ContentPage.objects.get(slug="aims")
    assert aims.get_parent().pk == home.pk and aims.live
    assert aims.body.raw_data[0]["value"] == "<p>One.</p><p>Two.</p>"
    assert aims.body[1].value["items"][0] == (
        "Improve the health and wellbeing of the population and reduce inequalities."
    )
    home.refresh_from_db()
    assert [block.value["page"].pk for block in home.about_links] == [aims.pk]
    assert not ContentPage.objects.filter(title__startswith="Never made").exists()
    assert loader.created == ["test:aims", "test:home-links"]


def test_a_key_used_twice_in_the_data_files_is_refused(tmp_path):
    item = '[[item]]\nkind = "collection"\nkey = "test:twice"\nname = "Twice"\n'
    folder = write_fixtures(tmp_path / "fixtures", item + "\n" + item)
    with pytest.raises(ValueError, match="test:twice"):
        fixture_items(folder)
