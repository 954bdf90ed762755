"""Reading letter files: text in several encodings and PDFs (by content), with
clear Dutch refusals for everything else."""

import pytest

from letters.ingest.sources import UnreadableSource, read_letter_source
from tests.pdfs import build_pdf, text_content

LETTER = (
    "Den Haag, 28 maart 2018\n\nHierbij ontvangt u de kabinetsreactie op de beleidsdoorlichting "
    "van het Budget Internationale Veiligheid. Het kabinet heeft besloten de geïntegreerde "
    "benadering te versterken en de financiering van internationale inzet te verbeteren.\n"
)


def make_pdf(lines: list[str] | None) -> bytes:
    """A minimal one-page PDF built by hand (Helvetica, WinAnsi); ``None`` gives a
    page without a text layer, like a scan."""
    return build_pdf([0], [text_content(lines) if lines else b""])


PDF_LINES = [
    "Den Haag, 28 maart 2018",
    "Hierbij ontvangt u de kabinetsreactie op de beleidsdoorlichting van het",
    "Budget Internationale Veiligheid. Het kabinet heeft besloten de geïntegreerde",
    "benadering te versterken en de financiering van de inzet te verbeteren.",
]


def test_utf8_text():
    assert read_letter_source(LETTER.encode("utf-8"), "brief.txt") == LETTER


def test_utf8_with_bom_and_utf16():
    assert read_letter_source(b"\xef\xbb\xbf" + LETTER.encode("utf-8")) == LETTER
    assert read_letter_source(LETTER.encode("utf-16")) == LETTER


def test_windows_1252_falls_back():
    assert read_letter_source(LETTER.encode("cp1252"), "brief.txt") == LETTER


def test_pdf_text_layer_is_read():
    text = read_letter_source(make_pdf(PDF_LINES), "brief.pdf")
    assert "Den Haag, 28 maart 2018" in text
    assert "Budget Internationale Veiligheid" in text
    assert "geïntegreerde" in text


def test_pdf_is_recognised_by_content_not_by_name():
    assert "kabinetsreactie" in read_letter_source(make_pdf(PDF_LINES), "brief.txt")
    with pytest.raises(UnreadableSource, match="PDF"):
        read_letter_source(b"%PDF-1.4\nthis is not really a pdf at all", "brief.txt")
    # A text file called .pdf is read as text.
    assert read_letter_source(LETTER.encode("utf-8"), "brief.pdf") == LETTER


def test_corrupt_pdf_is_refused_with_a_clear_message():
    broken = make_pdf(PDF_LINES)[:200]
    with pytest.raises(UnreadableSource, match="beschadigd"):
        read_letter_source(broken, "brief.pdf")


def test_pdf_without_text_layer_is_refused():
    with pytest.raises(UnreadableSource, match="geen tekstlaag"):
        read_letter_source(make_pdf(None), "scan.pdf")


@pytest.mark.parametrize("data", [b"", b"   \n\n  "])
def test_empty_file(data):
    with pytest.raises(UnreadableSource, match="leeg"):
        read_letter_source(data, "leeg.txt")


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "afbeelding"),
        (b"PK\x03\x04" + bytes(range(256)) * 4, "Word"),
        (bytes(range(256)) * 8, "geen tekst"),
        (b"\x00\x01\x02\x03binary" * 50, "geen tekst"),
    ],
)
def test_binary_files_are_refused(data, message):
    with pytest.raises(UnreadableSource, match=message):
        read_letter_source(data, "brief.txt")


def test_text_too_short_to_be_a_letter():
    with pytest.raises(UnreadableSource, match="te weinig tekst"):
        read_letter_source(b"Dit is geen brief.", "kort.txt")


# -- Word files (.docx) -------------------------------------------------------------
def _word(blocks, footnotes=None) -> bytes:
    from tests.fixtures.real.make_docx import make_document

    return make_document(blocks, footnotes)


def test_word_file_keeps_paragraphs_headings_footnotes_tables_and_lists():
    data = _word(
        [
            ("heading", "Strategische kaders"),
            ("paragraph", "Het kabinet zet de bijdrage voort[[1]] en verhoogt het budget."),
            ("table", [["Datum", "12 februari 2017"], ["Betreft", "Internationale Cyberstrategie"]]),
            ("bullet", "een eerste aanbeveling over de inzet"),
            ("paragraph", LETTER),
        ],
        {"1": "Kamerstuk 33 694, nr. 12."},
    )
    text = read_letter_source(data, filename="brief.docx")
    assert text.split("\n\n")[:5] == [
        "Strategische kaders",
        "Het kabinet zet de bijdrage voort1 en verhoogt het budget.",
        "Datum 12 februari 2017",
        "Betreft Internationale Cyberstrategie",
        "• een eerste aanbeveling over de inzet",
    ]
    assert text.endswith("\n\n\n1 Kamerstuk 33 694, nr. 12.")


def test_word_footnote_is_linked_and_cited_after_cleaning():
    from letters.ingest.pipeline import extract

    data = _word(
        [("paragraph", LETTER), ("paragraph", "Zie de strategie[[1]] voor de achtergrond.")],
        {"1": "Kamerstuk 33 694, nr. 12."},
    )
    extraction = extract(read_letter_source(data, filename="brief.docx"))
    assert [(c.key.key, c.in_footnote) for c in extraction.citations] == [("33694-12", True)]
    assert [r.marker for r in extraction.clean.footnote_refs] == ["1"]


def test_old_word_file_keeps_its_message_and_other_zips_are_named():
    with pytest.raises(UnreadableSource, match="oud Word- of Office-bestand"):
        read_letter_source(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "brief.doc")
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnreadableSource, match="geen Word-document"):
        read_letter_source(buffer.getvalue(), "tabel.xlsx")


def test_word_file_that_unpacks_too_large_is_refused_before_unpacking():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/big.bin", b"\x00" * (65 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024
    with pytest.raises(UnreadableSource, match="uitgepakt te groot"):
        read_letter_source(data, "bom.docx")


def test_broken_word_file_gets_a_clear_message():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "dit is geen xml")
    with pytest.raises(UnreadableSource, match="Word-bestand is beschadigd"):
        read_letter_source(buffer.getvalue(), "kapot.docx")
