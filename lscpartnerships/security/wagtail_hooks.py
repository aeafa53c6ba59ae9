"""Admin integration: a "Reset two-factor sign-in" action on the users listing."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from .two_factor import has_app_device
from .views import is_user_administrator


@hooks.register("register_user_listing_buttons")
def reset_two_factor_button(user, request_user):
    if is_user_administrator(request_user) and has_app_device(user):
        yield Button(
            "Reset two-factor sign-in",
            reverse("security_two_factor_reset", args=[user.pk]),
            priority=60,
        )
