import pytest
from datetime import date
from tests.factories import *
from tests.page_helpers import cite, cite_handelingen

class Archive:
    def __init__(self):
        m = make_mission("minusma")
        a = make_letter(number=9, title="Hoofdbrief", body="Intro over MINUSMA.\n\nTekst.")
        b = make_letter(number=12, body="Zie Kamerstuk 33 694, nr. 9 en Kamerstuk 31 516, nr. 20 (Handelingen II 2019/20, nr. 23).")
        cite(b, "Kamerstuk 33 694, nr. 9", "33694", 9)
        cite(b, "Kamerstuk 31 516, nr. 20", "31516", 20)
        cite_handelingen(b, "Handelingen II 2019/20, nr. 23")
        link_mission(a, m, "extension")
        make_budget_line(a, "1500000", instrument="BIV", year_from=2019, mission=m)
        make_recommendation(a, "1", response="adopted")
        make_signatory(a, "S.A. Blok", "Minister van Buitenlandse Zaken", "buitenlandse-zaken")
