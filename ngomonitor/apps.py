from django.apps import AppConfig


class NgoMonitorConfig(AppConfig):
    name = "ngomonitor"
    verbose_name = "NGO Monitor"
