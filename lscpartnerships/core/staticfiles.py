"""The production static build: whitenoise's compressed manifest storage, made
to cope with packages that ship minified files whose source maps they leave out.

wagtail-nhsuk-frontend's CSS and JS end with a ``sourceMappingURL`` comment
naming a ``.map`` file the package does not include. Django's manifest storage
rewrites that comment to the map's hashed name and, finding no map, fails
``collectstatic`` (and with it every page). Here a source-map comment whose map
does not exist is dropped from the collected copy: the served file then names
nothing that would 404, and every other missing reference still fails the build
as the manifest storage intends (see docs/decisions/0020).
"""

import posixpath
from urllib.parse import unquote, urldefrag, urlsplit

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed names, gzip copies and a strict manifest; missing source maps dropped.

    ES module imports are rewritten to hashed names too (``site.js`` imports
    NHS.UK frontend), so every script a page loads can be cached for a year.
    """

    support_js_module_import_aggregation = True

    def url_converter(self, name, hashed_files, template=None):
        converter = super().url_converter(name, hashed_files, template)
        if template is None or "sourceMappingURL" not in template:
            return converter

        def drop_missing_source_map(matchobj):
            url = matchobj.group("url").strip()
            if self._is_local(url) and not self.exists(self._target_name(name, url)):
                return ""
            return converter(matchobj)

        return drop_missing_source_map

    @staticmethod
    def _is_local(url):
        """A relative or STATIC_URL path (not a data: URI or another host)."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return False
        return not url.startswith("/") or url.startswith(settings.STATIC_URL)

    @staticmethod
    def _target_name(name, url):
        """The storage name `url` points at, as Django's converter resolves it."""
        path = unquote(urldefrag(url)[0])
        if path.startswith("/"):
            return path.removeprefix(settings.STATIC_URL)
        return posixpath.join(posixpath.dirname(name.replace("\\", "/")), path)
