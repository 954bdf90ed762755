"""What every feed of the archive shares: Atom that any stored text can go into, and
absolute links from the site's own address.

XML 1.0 cannot carry most C0 control characters (nor U+FFFE/U+FFFF or lone
surrogates), and Django's feed writer raises on them: one such character in one
letter's title would take every feed that lists the letter down. Text enters the
archive cleaned, but a letter stored before that, or restored from an old export,
must not break the feeds, so the writer here leaves them out of everything it
writes (text and attributes). Vertical tab and form feed separate words, so they
become a space.

Django builds a feed's absolute links from ``request.get_host()``; ``SiteFeed``
hands it the site's own scheme and host instead (``letters.site``)."""

from __future__ import annotations

import re

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.xmlutils import SimplerXMLGenerator

from letters.site import SiteRequest

_SPACE_LIKE = re.compile(r"[\x0b\x0c]")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """``value`` with every character XML 1.0 cannot hold removed."""
    return _NOT_XML.sub("", _SPACE_LIKE.sub(" ", value))


class _XmlSafeGenerator(SimplerXMLGenerator):
    def characters(self, content):
        super().characters(xml_text(content) if content else content)

    def startElement(self, name, attrs):
        if attrs:
            attrs = {key: xml_text(value) if isinstance(value, str) else value for key, value in attrs.items()}
        super().startElement(name, attrs)


class SafeAtom1Feed(Atom1Feed):
    """``Atom1Feed`` that writes any text (see the module's docstring)."""

    def write(self, outfile, encoding):
        handler = _XmlSafeGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


class SiteFeed(Feed):
    """The base of the archive's feeds: Atom, any text, links at the site's address."""

    feed_type = SafeAtom1Feed

    def get_feed(self, obj, request):
        return super().get_feed(obj, SiteRequest(request))
