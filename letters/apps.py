from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = "Kamerbrieven"

    def ready(self) -> None:
        from letters import page_cache, search

        page_cache.connect_signals()
        search.connect_signals()
