"""The path of a Kamerstuk's page, the most linked page of the site, without
``reverse()``: a search or mission page links a hundred letters, and reversing
each took a sixth of the page's rendering. The route itself comes from
``reverse()``, once per script prefix, so the urls.py entry stays the only
definition (``tests/test_paths.py`` compares the two)."""

from functools import lru_cache

from django.urls import get_script_prefix, reverse

from letters.kamerstuk import KamerstukKey

_SAMPLE = ("33694", 1)


@lru_cache(maxsize=8)
def _kamerstuk_route(script_prefix: str) -> str:
    dossier, number = _SAMPLE
    path = reverse("letters:kamerstuk", kwargs={"dossier": dossier, "number": number})
    return path[: -len(f"{dossier}/{number}/")]


def kamerstuk_path(dossier: str, number: int) -> str:
    """``reverse("letters:kamerstuk", ...)`` for a valid (normalised) Kamerstuk."""
    return f"{_kamerstuk_route(get_script_prefix())}{dossier}/{int(number)}/"


def letter_path(dossier: str | None, number: int | None, slug: str) -> str:
    """A letter's page from its columns: its Kamerstuk's page when it has a dossier
    and number, else ``/brieven/<slug>/`` (``Letter.get_absolute_url``)."""
    if dossier and number is not None:
        key = KamerstukKey(dossier, number)
        return kamerstuk_path(key.dossier, key.number)
    return reverse("letters:letter-slug", kwargs={"slug": slug})
