"""letters.paths: the paths of Kamerstukken, dossiers, missions and letters without
reverse(), always the same as reverse()."""

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix

from letters.paths import dossier_path, kamerstuk_path, letter_path, mission_path


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


@pytest.mark.parametrize("dossier", ["33694", "35300-V", "21501-02"])
def test_the_dossier_path_is_what_reverse_gives(dossier):
    assert dossier_path(dossier) == reverse("letters:dossier", kwargs={"dossier": dossier})


@pytest.mark.parametrize("slug", ["minusma", "resolute-support", "efp_litouwen"])
def test_the_mission_path_is_what_reverse_gives(slug):
    assert mission_path(slug) == reverse("letters:mission", kwargs={"slug": slug})


def test_dossier_and_mission_paths_follow_the_script_prefix():
    set_script_prefix("/archief/")
    try:
        assert dossier_path("35300-V") == "/archief/dossiers/35300-V/"
        assert mission_path("minusma") == "/archief/missies/minusma/"
    finally:
        clear_script_prefix()


@pytest.mark.parametrize(
    ("dossier", "number", "slug", "expected"),
    [
        ("33694", 12, "brief", "/kamerstuk/33694/12/"),
        (None, None, "nog-zonder-nummer", "/brieven/nog-zonder-nummer/"),
        ("33694", None, "wacht-op-nummer", "/brieven/wacht-op-nummer/"),
    ],
)
def test_a_letter_path_is_its_kamerstuk_or_its_slug(dossier, number, slug, expected):
    assert letter_path(dossier, number, slug) == expected
