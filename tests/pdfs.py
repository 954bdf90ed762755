"""PDFs built by hand for the reader's tests: real letters of many pages, and hostile
ones whose pages share one small compressed stream that inflates to megabytes."""

from __future__ import annotations

import zlib

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def _escape(line: str) -> bytes:
    return line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_content(lines: list[str]) -> bytes:
    """A page's content stream that shows ``lines`` one below the other."""
    shown = b" ".join(b"(" + _escape(line) + b") '" for line in lines)
    return b"BT /F1 11 Tf 50 800 Td 14 TL " + shown + b" ET"


def build_pdf(page_contents: list[int], streams: list[bytes], *, compress: bool = False) -> bytes:
    """A PDF whose page i draws ``streams[page_contents[i]]`` (pages may share one)."""
    page_count = len(page_contents)
    first_stream = 4 + page_count  # 1 catalog, 2 pages, 3 font, then pages, then streams
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (4 + i) for i in range(page_count)), page_count),
        FONT,
    ]
    for index in page_contents:
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (first_stream + index)
        )
    for content in streams:
        data = zlib.compress(content, 9) if compress else content
        filters = b" /Filter /FlateDecode" if compress else b""
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(data), filters) + data + b"\nendstream")
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return pdf


def letter_pdf(pages: list[list[str]]) -> bytes:
    """A letter: one content stream of text lines per page."""
    return build_pdf(list(range(len(pages))), [text_content(lines) for lines in pages], compress=True)


def inflating_pdf(pages: int = 16, inflated_bytes: int = 2_250_000) -> bytes:
    """A few kilobytes that make a reader draw ``pages`` × ``inflated_bytes`` of text
    operators: every page shares one compressed content stream."""
    operator = b"BT /F1 1 Tf 10 10 Td (x) Tj ET\n"
    content = operator * (inflated_bytes // len(operator))
    return build_pdf([0] * pages, [content], compress=True)
