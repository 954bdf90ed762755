"""The editors' admin ("beheer"). One module per group of models; the
"Nieuwe brief uit tekst" flow lives in new_letter.py."""

from letters.admin import letters, records, reference  # noqa: F401
