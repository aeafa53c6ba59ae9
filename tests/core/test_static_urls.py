"""`{% static %}` addresses are worked out once per path (core.static_urls),
and follow the static settings and storages that can change them."""

import itertools

from django.contrib.staticfiles.storage import StaticFilesStorage
from django.core.files.storage import Storage
from django.template import Context, Template

PAGE = Template("{% load static %}{% static 'css/site.css' %}")

STATIC = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


def render():
    return PAGE.render(Context())


def test_an_address_is_worked_out_once_and_follows_the_settings(monkeypatch, settings):
    settings.STORAGES = {**settings.STORAGES, "staticfiles": STATIC}
    asked = []
    work_out = StaticFilesStorage.url

    def counting_url(self, name):
        asked.append(name)
        return work_out(self, name)

    monkeypatch.setattr(StaticFilesStorage, "url", counting_url)
    first = render()
    assert render() == first == settings.STATIC_URL + "css/site.css"
    assert asked == ["css/site.css"]
    settings.STATIC_URL = "/assets/"  # a static setting changed: worked out again
    assert render() == render() == "/assets/css/site.css"
    assert asked == ["css/site.css", "css/site.css"]


class SignedStorage(Storage):
    """A storage whose addresses change (signed, expiring): never kept."""

    counter = itertools.count()

    def url(self, name):
        return f"https://bucket.example/{name}?signature={next(self.counter)}"


def test_a_storage_that_signs_its_addresses_is_asked_every_time(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "tests.core.test_static_urls.SignedStorage"},
    }
    assert render() != render()
