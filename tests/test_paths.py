"""letters.paths: the Kamerstuk path without reverse(), always the same as reverse()."""

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix

from letters.paths import kamerstuk_path


@pytest.mark.parametrize(
    ("dossier", "number"), [("33694", 12), ("35300-V", 1), ("21501-02", 1234), ("32999", 9)]
)
def test_the_path_is_what_reverse_gives(dossier, number):
    expected = reverse("letters:kamerstuk", kwargs={"dossier": dossier, "number": number})
    assert kamerstuk_path(dossier, number) == expected


def test_the_path_follows_the_script_prefix():
    set_script_prefix("/archief/")
    try:
        assert kamerstuk_path("33694", 12) == "/archief/kamerstuk/33694/12/"
        assert kamerstuk_path("33694", 12) == reverse(
            "letters:kamerstuk", kwargs={"dossier": "33694", "number": 12}
        )
    finally:
        clear_script_prefix()
    assert kamerstuk_path("33694", 12) == "/kamerstuk/33694/12/"
