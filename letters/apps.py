from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = "Kamerbrieven"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from letters import page_cache, search
        from letters.after_migrate import after_migrate

        page_cache.connect_signals()
        search.connect_signals()
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="letters.after_migrate")
