"""Admin registration: former partnerships are snippets editors manage under
Snippets, listed with the places that took over from them."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import FormerPartnership


class FormerPartnershipViewSet(SnippetViewSet):
    model = FormerPartnership
    icon = "history"
    menu_label = "Former partnerships"
    list_display = ["name", "years_active"]
    search_fields = ["name", "note"]
    ordering = ["name"]


register_snippet(FormerPartnershipViewSet)
