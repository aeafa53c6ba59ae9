"""A URLconf without Wagtail's page view (test_lean_routing)."""

urlpatterns = []
