"""Two-factor screens, under /admin/2fa/ (included before Wagtail's admin URLs)."""

from django.urls import path

from . import views

urlpatterns = [
    path("setup/", views.two_factor_setup, name="security_two_factor_setup"),
    path("verify/", views.two_factor_verify, name="security_two_factor_verify"),
    path(
        "recovery-codes/",
        views.two_factor_recovery_codes,
        name="security_two_factor_recovery_codes",
    ),
    path("reset/<int:user_id>/", views.two_factor_reset, name="security_two_factor_reset"),
]
