"""Admin registration: former partnerships are snippets editors manage under
Snippets, listed with the places that took over from them."""

from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import FormerPartnership, PlaceIndexPage, PlacePartnershipPage


class FormerPartnershipViewSet(SnippetViewSet):
    model = FormerPartnership
    icon = "history"
    menu_label = "Former partnerships"
    list_display = ["name", "years_active"]
    search_fields = ["name", "note"]
    ordering = ["name"]


register_snippet(FormerPartnershipViewSet)


@hooks.register("pagecache_pages_showing")
def pages_showing_former_partnership(obj):
    """The places index lists every former partnership and each place page its
    predecessors, so a change purges them all (a handful of pages); None for
    other objects (lscpartnerships.pagecache)."""
    if not isinstance(obj, FormerPartnership):
        return None
    return (
        Page.objects.live().type(PlaceIndexPage, PlacePartnershipPage).values_list("pk", flat=True)
    )
