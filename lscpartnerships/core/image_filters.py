"""Image tags keep their parsed filters.

Wagtail's `{% picture %}`, `{% srcset_image %}` and `{% image %}` tags hold
their filter specs as the literal text of the tag, yet make new `Filter`
objects from them on every render, and each `Filter` then parses its
operations again (looking up the registered operations through the hooks
and inspecting each operation's signature). A portrait in six renditions did
that six times per page, a tenth of a place page's CPU (issue 14).

`install_kept_image_filters` keeps each tag's `Filter` objects on the tag's
compiled node, made on its first render. A `Filter` holds only its spec and
the operations parsed from it (nothing about an image), so one object serves
every render, as the same spec always gave the same operations.
"""

from wagtail.images.templatetags.wagtailimages_tags import ImageNode, SrcsetImageNode


def install_kept_image_filters():
    if getattr(ImageNode, "_lscp_kept_filters", False):
        return
    make_filter, make_filters = ImageNode.get_filter, SrcsetImageNode.get_filters

    def get_filter(self):
        kept = self.__dict__.get("_lscp_filter")
        if kept is None:
            kept = self._lscp_filter = make_filter(self)
        return kept

    def get_filters(self):
        kept = self.__dict__.get("_lscp_filters")
        if kept is None:
            kept = self._lscp_filters = tuple(make_filters(self))
        return list(kept)

    ImageNode.get_filter = get_filter
    SrcsetImageNode.get_filters = get_filters
    ImageNode._lscp_kept_filters = True
