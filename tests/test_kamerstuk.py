import pytest

from letters.kamerstuk import InvalidKamerstuk, KamerstukKey, format_dossier, normalise_dossier


@pytest.mark.parametrize(
    "written, expected",
    [
        ("33 694", "33694"), ("33694", "33694"), ("35 300 V", "35300-V"), ("35300-v", "35300-V"),
        ("35200-VII", "35200-VII"), ("21 501-02", "21501-02"), ("21501-02", "21501-02"),
    ],
)
def test_dossier_is_normalised(written, expected):
    assert normalise_dossier(written) == expected


@pytest.mark.parametrize("bad", ["", "abc", "0", "33 694 nr", "12345678", "33694--V"])
def test_malformed_dossier_is_refused(bad):
    with pytest.raises(InvalidKamerstuk):
        normalise_dossier(bad)


def test_key_formats_all_four_ways():
    key = KamerstukKey.from_parts("35 300 V", "14")
    assert key.key == "35300-V-14"
    assert key.official_id == "kst-35300-V-14"
    assert key.path == "/kamerstuk/35300-V/14/"
    assert key.display == "Kamerstuk 35 300 V, nr. 14"
    assert key.official_url == "https://zoek.officielebekendmakingen.nl/kst-35300-V-14.html"


@pytest.mark.parametrize("text", ["33694-9", "kst-33694-9", "KST-33694-9", "35300-V-14", "kst-35200-VII-14", "21501-02-1234"])
def test_parse_round_trips(text):
    key = KamerstukKey.parse(text)
    assert KamerstukKey.parse(key.key) == key
    assert KamerstukKey.parse(key.official_id) == key


@pytest.mark.parametrize("bad", ["33694", "33694-0", "33694-abc", "kst--9", "33694-9-", "x" * 10000])
def test_malformed_key_is_refused(bad):
    with pytest.raises(InvalidKamerstuk):
        KamerstukKey.parse(bad)


def test_format_dossier_spaces_thousands():
    assert format_dossier("33694") == "33 694"
    assert format_dossier("35300-V") == "35 300 V"


def test_numbered_sub_dossier_key():
    key = KamerstukKey.parse("kst-21501-02-1234")
    assert (key.dossier, key.number) == ("21501-02", 1234)
    assert key.display == "Kamerstuk 21 501-02, nr. 1234"
    assert KamerstukKey.parse("33694-12") == KamerstukKey("33694", 12)
