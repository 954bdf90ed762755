"""Names and shapes that make a synthetic archive look like the real one:
ministers by period, extra missions with their aliases, dossier and title
templates. Public facts only; the letters themselves are invented."""

from __future__ import annotations

from datetime import date

# (function, name, first day, last day) — who signs letters when.
MINISTERS: tuple[tuple[str, str, date, date], ...] = (
    ("Minister van Defensie", "J.J.C. Voorhoeve", date(1994, 8, 22), date(1998, 8, 3)),
    ("Minister van Defensie", "F.H.G. de Grave", date(1998, 8, 3), date(2002, 7, 22)),
    ("Minister van Defensie", "H.G.J. Kamp", date(2002, 7, 22), date(2007, 2, 22)),
    ("Minister van Defensie", "E. van Middelkoop", date(2007, 2, 22), date(2010, 10, 14)),
    ("Minister van Defensie", "J.S.J. Hillen", date(2010, 10, 14), date(2012, 11, 5)),
    ("Minister van Defensie", "J.A. Hennis-Plasschaert", date(2012, 11, 5), date(2017, 10, 4)),
    ("Minister van Defensie", "A.Th.B. Bijleveld-Schouten", date(2017, 10, 26), date(2022, 1, 10)),
    ("Minister van Defensie", "K.H. Ollongren", date(2022, 1, 10), date(2024, 7, 2)),
    ("Minister van Defensie", "R.P. Brekelmans", date(2024, 7, 2), date(2026, 12, 31)),
    ("Minister van Buitenlandse Zaken", "H.A.F.M.O. van Mierlo", date(1994, 8, 22), date(1998, 8, 3)),
    ("Minister van Buitenlandse Zaken", "J.J. van Aartsen", date(1998, 8, 3), date(2002, 7, 22)),
    ("Minister van Buitenlandse Zaken", "J.G. de Hoop Scheffer", date(2002, 7, 22), date(2003, 12, 3)),
    ("Minister van Buitenlandse Zaken", "B.R. Bot", date(2003, 12, 3), date(2007, 2, 22)),
    ("Minister van Buitenlandse Zaken", "M.J.M. Verhagen", date(2007, 2, 22), date(2010, 10, 14)),
    ("Minister van Buitenlandse Zaken", "U. Rosenthal", date(2010, 10, 14), date(2012, 11, 5)),
    ("Minister van Buitenlandse Zaken", "F.C.G.M. Timmermans", date(2012, 11, 5), date(2014, 10, 17)),
    ("Minister van Buitenlandse Zaken", "A.G. Koenders", date(2014, 10, 17), date(2017, 10, 26)),
    ("Minister van Buitenlandse Zaken", "H. Zijlstra", date(2017, 10, 26), date(2018, 3, 7)),
    ("Minister van Buitenlandse Zaken", "S.A. Blok", date(2018, 3, 7), date(2021, 9, 17)),
    ("Minister van Buitenlandse Zaken", "W.B. Hoekstra", date(2022, 1, 10), date(2023, 9, 1)),
    ("Minister van Buitenlandse Zaken", "H.G.J. Bruins Slot", date(2023, 9, 1), date(2024, 7, 2)),
    ("Minister van Buitenlandse Zaken", "C.C.J. Veldkamp", date(2024, 7, 2), date(2025, 8, 22)),
    ("Minister van Buitenlandse Zaken", "D.M. van Weel", date(2025, 8, 22), date(2026, 12, 31)),
    ("Minister voor Ontwikkelingssamenwerking", "J.P. Pronk", date(1994, 8, 22), date(1998, 8, 3)),
    ("Minister voor Ontwikkelingssamenwerking", "E.L. Herfkens", date(1998, 8, 3), date(2002, 7, 22)),
    ("Minister voor Ontwikkelingssamenwerking", "A.M.A. van Ardenne-van der Hoeven", date(2002, 7, 22), date(2007, 2, 22)),
    ("Minister voor Ontwikkelingssamenwerking", "A.G. Koenders", date(2007, 2, 22), date(2010, 2, 23)),
    ("Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking", "E.M.J. Ploumen", date(2012, 11, 5), date(2017, 10, 26)),
    ("Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking", "S.A.M. Kaag", date(2017, 10, 26), date(2021, 9, 17)),
    ("Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking", "E.N.A.J. Schreinemacher", date(2022, 1, 10), date(2024, 7, 2)),
    ("Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking", "R.J. Klever", date(2024, 7, 2), date(2025, 6, 3)),
    ("Minister van Justitie en Veiligheid", "F.B.J. Grapperhaus", date(2017, 10, 26), date(2022, 1, 10)),
    ("Minister van Justitie en Veiligheid", "D. Yeşilgöz-Zegerius", date(2022, 1, 10), date(2024, 7, 2)),
    ("Staatssecretaris van Defensie", "C.A. Visser", date(2017, 10, 26), date(2021, 9, 3)),
    ("Staatssecretaris van Defensie", "C. van der Maat", date(2022, 1, 10), date(2024, 7, 2)),
    ("Staatssecretaris van Defensie", "G.P. Tuinman", date(2024, 7, 2), date(2026, 12, 31)),
)

# Missions the reference data may not have (slug, name, short name, organisation,
# region, country, start, end, aliases). Added by generate_corpus when missing.
EXTRA_MISSIONS: tuple[tuple, ...] = (
    ("ifor", "Implementation Force", "IFOR", "NAVO", "Balkan", "Bosnië-Herzegovina", date(1995, 12, 20), date(1996, 12, 20), ("IFOR", "NAVO-vredesmacht in Bosnië")),
    ("sfor", "Stabilisation Force", "SFOR", "NAVO", "Balkan", "Bosnië-Herzegovina", date(1996, 12, 20), date(2004, 12, 2), ("SFOR", "stabilisatiemacht in Bosnië")),
    ("kfor", "Kosovo Force", "KFOR", "NAVO", "Balkan", "Kosovo", date(1999, 6, 12), None, ("KFOR", "NAVO-missie in Kosovo")),
    ("eufor-althea", "EUFOR Operatie Althea", "EUFOR Althea", "EU", "Balkan", "Bosnië-Herzegovina", date(2004, 12, 2), None, ("EUFOR Althea", "Operatie Althea")),
    ("unmee", "United Nations Mission in Ethiopia and Eritrea", "UNMEE", "VN", "Hoorn van Afrika", "Ethiopië en Eritrea", date(2000, 7, 31), date(2008, 7, 31), ("UNMEE", "VN-missie in Ethiopië en Eritrea")),
    ("isaf", "International Security Assistance Force", "ISAF", "NAVO", "Centraal-Azië", "Afghanistan", date(2001, 12, 20), date(2014, 12, 31), ("ISAF", "Task Force Uruzgan", "missie in Uruzgan")),
    ("sfir", "Stabilisation Force Iraq", "SFIR", "coalitie", "Midden-Oosten", "Irak", date(2003, 7, 1), date(2005, 3, 31), ("SFIR", "stabilisatiemacht in Irak")),
    ("eufor-tchad", "EUFOR Tchad/RCA", "EUFOR Tchad", "EU", "Centraal-Afrika", "Tsjaad", date(2008, 1, 28), date(2009, 3, 15), ("EUFOR Tchad", "EU-missie in Tsjaad")),
    ("kundoez-politietrainingsmissie", "Geïntegreerde politietrainingsmissie Kunduz", "Kunduz", "nationaal", "Centraal-Azië", "Afghanistan", date(2011, 1, 1), date(2013, 7, 1), ("politietrainingsmissie in Kunduz",)),
    ("ocean-shield", "Operation Ocean Shield", "Ocean Shield", "NAVO", "Hoorn van Afrika", "Somalië", date(2009, 8, 17), date(2016, 12, 15), ("Ocean Shield", "anti-piraterijmissie van de NAVO")),
    ("unmiss", "United Nations Mission in the Republic of South Sudan", "UNMISS", "VN", "Oost-Afrika", "Zuid-Soedan", date(2011, 7, 9), None, ("UNMISS", "VN-missie in Zuid-Soedan")),
    ("eulex-kosovo", "European Union Rule of Law Mission in Kosovo", "EULEX Kosovo", "EU", "Balkan", "Kosovo", date(2008, 2, 16), None, ("EULEX", "rechtsstaatmissie in Kosovo")),
    ("eumm-georgia", "European Union Monitoring Mission in Georgia", "EUMM Georgia", "EU", "Kaukasus", "Georgië", date(2008, 10, 1), None, ("EUMM", "waarnemingsmissie in Georgië")),
    ("eunavfor-aspides", "EUNAVFOR Aspides", "Aspides", "EU", "Midden-Oosten", "Rode Zee", date(2024, 2, 19), None, ("Aspides", "EU-operatie in de Rode Zee")),
    ("irini", "EUNAVFOR MED Irini", "Irini", "EU", "Middellandse Zee", "Libië", date(2020, 3, 31), None, ("Irini", "wapenembargo-operatie tegen Libië")),
    ("undof", "United Nations Disengagement Observer Force", "UNDOF", "VN", "Midden-Oosten", "Golan", date(1974, 5, 31), None, ("UNDOF",)),
    ("untso", "United Nations Truce Supervision Organization", "UNTSO", "VN", "Midden-Oosten", "Israël en buurlanden", date(1948, 5, 29), None, ("UNTSO", "VN-waarnemersmissie in het Midden-Oosten")),
    ("eutm-somalia", "European Union Training Mission Somalia", "EUTM Somalia", "EU", "Hoorn van Afrika", "Somalië", date(2010, 4, 10), None, ("EUTM Somalia", "EU-trainingsmissie in Somalië")),
)

# Real dossier titles shapes; "{country}"/"{year}" are filled in.
DOSSIER_TITLES = (
    "Situatie in {country}",
    "Nederlandse bijdrage aan de missie in {country}",
    "Internationale veiligheid en {topic}",
    "Raad Buitenlandse Zaken",
    "NAVO",
    "Europese veiligheid en defensie",
    "Exportcontrolebeleid strategische goederen",
    "Terrorismebestrijding",
    "Wapenbeheersing en non-proliferatie",
    "Defensienota {year}",
    "Materieelprojecten Defensie",
    "Internationale rechtsorde",
)
BUDGET_CHAPTERS = (("V", "Buitenlandse Zaken"), ("X", "Defensie"), ("XVII", "Buitenlandse Handel en Ontwikkelingssamenwerking"))

COUNTRIES = (
    "Mali", "Afghanistan", "Irak", "Syrië", "Libië", "Somalië", "Zuid-Soedan", "Oekraïne",
    "Bosnië-Herzegovina", "Kosovo", "Niger", "Jemen", "Georgië", "Litouwen", "Libanon",
)
TOPICS = (
    "cyberveiligheid", "hybride dreigingen", "vredesmissies", "wapenexport", "contraterrorisme",
    "de internationale rechtsorde", "humanitaire hulp", "migratie", "maritieme veiligheid",
    "nucleaire ontwapening", "de geïntegreerde benadering", "de NAVO-norm", "Europese defensiesamenwerking",
    "de Nederlandse bijdrage aan stabilisatie", "veiligheidssectorhervorming",
)
REPORT_AUTHORS = ("AIV", "WRR", "IOB", "Clingendael", "Algemene Rekenkamer", "CAVV")
RBZ_FORMATS = ("Raad Buitenlandse Zaken", "Raad Algemene Zaken", "Raad Buitenlandse Zaken (Defensie)")
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)

INSTRUMENT_PHRASES = (
    ("BIV", "het Budget Internationale Veiligheid (BIV)"),
    ("Defensie", "de Defensiebegroting"),
    ("BZ", "de begroting van Buitenlandse Zaken"),
    ("BHOS", "de BHOS-begroting"),
    ("JenV", "de begroting van Justitie en Veiligheid"),
)
