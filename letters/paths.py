"""The paths of the most linked pages — a Kamerstuk's, a dossier's and a mission's —
without ``reverse()``: a search or mission page links a hundred letters, and
reversing each took a sixth of the page's rendering. Each route itself comes from
``reverse()``, once per script prefix, so the urls.py entry stays the only
definition (``tests/test_paths.py`` compares the two)."""

from functools import lru_cache

from django.urls import get_script_prefix, reverse

from letters.kamerstuk import KamerstukKey

# A route and sample arguments; its path ends in the arguments, each followed by "/".
_SAMPLES = {
    "letters:kamerstuk": {"dossier": "33694", "number": 1},
    "letters:dossier": {"dossier": "33694"},
    "letters:mission": {"slug": "voorbeeld"},
}


@lru_cache(maxsize=32)
def _route(script_prefix: str, name: str) -> str:
    """The path of route ``name`` before its arguments."""
    sample = _SAMPLES[name]
    path = reverse(name, kwargs=sample)
    return path[: -len("".join(f"{value}/" for value in sample.values()))]


def kamerstuk_path(dossier: str, number: int) -> str:
    """``reverse("letters:kamerstuk", ...)`` for a valid (normalised) Kamerstuk."""
    return f"{_route(get_script_prefix(), 'letters:kamerstuk')}{dossier}/{int(number)}/"


def dossier_path(dossier: str) -> str:
    """``reverse("letters:dossier", ...)`` for a normalised dossier number."""
    return f"{_route(get_script_prefix(), 'letters:dossier')}{dossier}/"


def mission_path(slug: str) -> str:
    """``reverse("letters:mission", ...)`` for a mission's slug."""
    return f"{_route(get_script_prefix(), 'letters:mission')}{slug}/"


def letter_path(dossier: str | None, number: int | None, slug: str) -> str:
    """A letter's page from its columns: its Kamerstuk's page when it has a dossier
    and number, else ``/brieven/<slug>/`` (``Letter.get_absolute_url``)."""
    if dossier and number is not None:
        key = KamerstukKey(dossier, number)
        return kamerstuk_path(key.dossier, key.number)
    return reverse("letters:letter-slug", kwargs={"slug": slug})
