"""Dutch formatting of amounts and periods, shared by templates, the chart and CSV."""

from __future__ import annotations

from decimal import Decimal

_MILLION = Decimal(1_000_000)
_BILLION = Decimal(1_000_000_000)


def _group(whole: int) -> str:
    return f"{whole:,}".replace(",", ".")


def format_euro(amount: Decimal | int | None) -> str:
    """Exact: ``€ 30.000.000``, ``€ 1.250,50`` (cents only when there are any)."""
    if amount is None:
        return ""
    amount = Decimal(amount).quantize(Decimal("0.01"))
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    whole = int(amount)
    cents = int((amount - whole) * 100)
    text = _group(whole) + (f",{cents:02d}" if cents else "")
    return f"€ {sign}{text}"


def format_euro_short(amount: Decimal | int | None) -> str:
    """Readable: ``€ 30 miljoen``, ``€ 2,5 miljoen``, ``€ 1,2 miljard``; an amount that
    does not round to one decimal of a million or billion is written out in full."""
    if amount is None:
        return ""
    amount = Decimal(amount)
    for unit, word in ((_BILLION, "miljard"), (_MILLION, "miljoen")):
        if abs(amount) >= unit:
            scaled = amount / unit
            if scaled == scaled.quantize(Decimal("0.1")):
                number = f"{scaled.quantize(Decimal('0.1')):f}".rstrip("0").rstrip(".")
                return f"€ {number.replace('.', ',')} {word}"
            break
    return format_euro(amount)


def format_period(year_from: int | None, year_to: int | None) -> str:
    if year_from and year_to and year_to != year_from:
        return f"{year_from}–{year_to}"
    if year_from:
        return str(year_from)
    if year_to:
        return f"t/m {year_to}"
    return ""
