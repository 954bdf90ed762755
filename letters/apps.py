from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = "Kamerbrieven"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from letters.page_cache import connect_signals

        connect_signals()
