"""Admin registration: FAQ questions are snippets editors find, search and reuse."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Question


class QuestionViewSet(SnippetViewSet):
    """FAQ questions, listed with their link anchors so editors can share links."""

    model = Question
    icon = "help"
    menu_label = "FAQ questions"
    list_display = ["question", "slug"]
    search_fields = ["question", "answer"]
    ordering = ["question"]


register_snippet(QuestionViewSet)
