"""The site root every test builds on: a HomePage as the default site's root,
as load_initial_content makes it (or the initial content itself). tests/conftest.py's
`home` and `initial_content` fixtures call these;
code that builds a site outside a test function (a subprocess's set-up script)
calls it directly."""


def make_home():
    from wagtail.models import Page, Site

    from lscpartnerships.core.factories import HomePageFactory

    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


def load_initial_content():
    """Run the loader as `make run` does."""
    from django.core.management import call_command

    call_command("load_initial_content", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
