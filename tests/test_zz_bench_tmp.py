import time, random
from pathlib import Path
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from letters.models import Letter, Dossier
from letters.search import update_index
pytestmark = pytest.mark.django_db

def test_bench(client):
    texts = [p.read_text() for p in sorted(Path("fixtures/seeds").glob("*.txt"))]
    d = Dossier.objects.get(number="33694")
    letters = [Letter(dossier=d, number=i + 1, slug=f"b-{i}", title=f"Brief {i} over missie", body=texts[i % 5], year=2000 + i % 25) for i in range(3000)]
    Letter.objects.bulk_create(letters, batch_size=500)
    ids = list(Letter.objects.values_list("pk", flat=True))
    t = time.time(); update_index(ids); print("\nindex 3000:", round(time.time() - t, 2))
    for q in ["", "q=missie", "q=missie+mali", "q=%22missie+in+Mali%22", "q=missie&jaar=2010&page=3", "q=oekraine+-irak"]:
        t = time.time()
        with CaptureQueriesContext(connection) as c:
            r = client.get("/brieven/?" + q)
        assert r.status_code == 200
        print(q or "(none)", round(time.time() - t, 3), "s,", len(c.captured_queries), "queries; slowest", round(max(float(x["time"]) for x in c.captured_queries), 3))
