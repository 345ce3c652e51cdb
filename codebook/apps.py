from django.apps import AppConfig


class CodebookConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "codebook"
    verbose_name = "Codebook (legal parameters)"

    def ready(self):
        from core.views import add_page_section
        from countries.models import Barrier
        from laws.models import ConstitutionalArticle

        from .related import rules_citing_article, rules_on_barrier

        add_page_section(Barrier, rules_on_barrier)
        add_page_section(ConstitutionalArticle, rules_citing_article)
