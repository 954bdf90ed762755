"""letters.search.tokens: the words both search backends index."""

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from letters.search.tokens import MAX_WORD_LENGTH, index_text, word_stems, words

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def one_word_at_a_time(text: str) -> str:
    """The definition: every word of the text, in order, as its stems."""
    return " ".join(stem for word in words(text) for stem in word_stems(word))


def test_a_text_is_indexed_as_its_stems_in_order():
    assert index_text("De missies in Mali, en de missie in Oekraïne.") == (
        "de missie in mali en de missie in oekraine"
    )


def test_words_too_long_to_be_words_are_left_out():
    assert index_text("kort " + "x" * (MAX_WORD_LENGTH + 1) + " ook") == "kort ook"


def test_a_compatibility_character_can_give_several_tokens():
    assert index_text("1½ miljoen") == one_word_at_a_time("1½ miljoen")
    assert index_text("1½") == "11 2"  # NFKD writes ½ as 1⁄2


@given(st.text(alphabet=st.sampled_from("aeiouybdkrstnmïëé½² -.,\\n\\u0308"), max_size=300))
def test_any_text_is_indexed_as_one_word_at_a_time_would(text):
    assert index_text(text) == one_word_at_a_time(text)


def test_the_seed_letters_are_indexed_as_one_word_at_a_time_would():
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    assert texts
    for text in texts:
        assert index_text(text) == one_word_at_a_time(text)
