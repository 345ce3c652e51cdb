"""Throttles whose rate is read from the settings at each request (DRF binds it at import), so deployments
and tests that change REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] take effect."""

from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class SettingsRateMixin:
    def get_rate(self):
        try:
            return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        except KeyError as exc:
            raise exceptions.APIException(f"No throttle rate set for scope {self.scope!r}.") from exc


class AnonThrottle(SettingsRateMixin, AnonRateThrottle):
    pass


class UserThrottle(SettingsRateMixin, UserRateThrottle):
    pass
