import tracemalloc, gc
import pytest
from letters.exchange import export as E
from tests.test_exchange import build_corpus, export

@pytest.mark.django_db
def test_mem(tmp_path, monkeypatch):
    build_corpus(300, body_words=1500)
    for chunk in (5, 20, 100):
        monkeypatch.setattr(E, "CHUNK_SIZE", chunk)
        gc.collect()
        tracemalloc.start(10)
        export(tmp_path / "a.jsonl")
        print(chunk, tracemalloc.get_traced_memory())
        tracemalloc.stop()
