from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = "Kamerbrieven"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from letters import page_cache, search

        page_cache.connect_signals()
        search.connect_signals()
