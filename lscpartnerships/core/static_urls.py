"""`{% static %}` addresses worked out once per path.

Every page's shell names eight static files. Each `{% static %}` asked
whether django.contrib.staticfiles is installed (a walk over every installed
app) and then the storage for the file's address: about 50 µs a tag on this
project's test machine, a few per cent of an uncached narrative page (issue
14). The address of a static file depends only on its path and the static
storage's settings: the manifest (the production build) is read once when
the process starts, and a plain storage joins STATIC_URL and the path. So
each path's address is kept per process and forgotten when a static setting
changes (tests).

Only for storages whose addresses are fixed (Django's file-system storages,
whitenoise's among them): a storage that signs its URLs (S3 with query-string
auth) would hand out expired addresses, so it is asked every time.
"""

from django.contrib.staticfiles.storage import StaticFilesStorage, staticfiles_storage
from django.core.signals import setting_changed
from django.templatetags.static import StaticNode

#: Static paths whose addresses a process keeps (templates' own paths).
KEPT_STATIC_URLS = 1000

#: Settings an address depends on (DEBUG: the manifest storage serves unhashed
#: names while it is on).
STATIC_SETTINGS = frozenset({"STATIC_URL", "STATIC_ROOT", "STORAGES", "STATICFILES_DIRS", "DEBUG"})

_urls = {}


def install_static_url_memo():
    if getattr(StaticNode, "_lscp_kept_urls", False):
        return
    work_out = StaticNode.handle_simple.__func__

    def handle_simple(cls, path):
        url = _urls.get(path)
        if url is None:
            url = work_out(cls, path)
            if len(_urls) < KEPT_STATIC_URLS and _fixed_addresses():
                _urls[path] = url
        return url

    def forget(setting, **kwargs):
        if setting in STATIC_SETTINGS:
            _urls.clear()

    StaticNode.handle_simple = classmethod(handle_simple)
    StaticNode._lscp_kept_urls = True
    setting_changed.connect(forget, weak=False, dispatch_uid="core-static-urls")


def _fixed_addresses():
    return isinstance(staticfiles_storage._wrapped, StaticFilesStorage)
