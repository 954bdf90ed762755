"""/feeds/zoeken/?<the /brieven/ query>: the newest letters matching a search."""

from datetime import datetime, time

from django.utils import timezone
from django.utils.html import escape

from letters.feeds.atom import SiteFeed
from letters.search.snippets import teaser_text
from letters.selectors.search import letters_for_feed

SITE_TITLE = "Kamerbrieven Internationale Veiligheid"


class SearchFeed(SiteFeed):

    def get_object(self, request, *args, **kwargs):
        return letters_for_feed(request.GET)

    def title(self, obj):
        if obj.description:
            return f"{SITE_TITLE} — brieven met {obj.description}"
        return f"{SITE_TITLE} — nieuwe brieven"

    def subtitle(self, obj):
        return "De nieuwste brieven die bij deze zoekopdracht passen."

    def link(self, obj):
        return obj.page_url

    def feed_url(self, obj):
        return obj.feed_url

    def items(self, obj):
        return obj.letters

    def item_title(self, letter):
        return letter.title

    def item_description(self, letter):
        # Atom summaries are HTML: escape the letter's text so markup in it stays text.
        key = letter.kamerstuk_key
        label = key.display if key else "Nog geen Kamerstuknummer"
        return escape(f"{label}. {teaser_text(letter.body, letter.structure)}")

    def item_link(self, letter):
        return letter.get_absolute_url()

    def item_pubdate(self, letter):
        if letter.date:
            return timezone.make_aware(datetime.combine(letter.date, time(12, 0)))
        return letter.created_at

    def item_updateddate(self, letter):
        return letter.updated_at

    def item_categories(self, letter):
        return [letter.get_kind_display()] if letter.kind else []
