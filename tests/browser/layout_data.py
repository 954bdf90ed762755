"""Data that makes tables as wide as the archive's real ones: the longest budget
name and amounts in the billions, beside the seed letters."""


from letters.models import Mission
from tests.factories import make_budget_line


def add_wide_budget_lines(seed_letters: dict) -> None:
    letter = next(iter(seed_letters.values()))
    mission = Mission.objects.get(slug="minusma")
    for instrument, amount in (("BHOS", "1234567890.12"), ("JenV", "987654321.00"), ("Defensie", "12345678901.50")):
        make_budget_line(letter, amount, instrument=instrument, year_from=2019, mission=mission,
                         purpose="Bijdrage aan de geïntegreerde missie, inclusief logistieke ondersteuning")
