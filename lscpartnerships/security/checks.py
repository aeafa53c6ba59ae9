"""System checks: the development-only exemption from two-factor sign-in can
never be switched on in production."""

from django.conf import settings
from django.core.checks import Error, register


@register("security")
def two_factor_exemption_only_in_debug(app_configs, **kwargs):
    if getattr(settings, "TWO_FACTOR_DEV_EXEMPT_USERNAMES", None) and not settings.DEBUG:
        return [
            Error(
                "TWO_FACTOR_DEV_EXEMPT_USERNAMES is set but DEBUG is off.",
                hint="The exemption from two-factor sign-in is for `make run` only: remove it.",
                id="security.E001",
            )
        ]
    return []
