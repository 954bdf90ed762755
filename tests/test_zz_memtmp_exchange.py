import tracemalloc
import pytest
from letters.exchange import restore as R
import letters.search as S
from tests.test_exchange import build_corpus, export, empty_the_archive, restore

@pytest.mark.django_db
def test_mem(tmp_path, monkeypatch):
    build_corpus(300, body_words=600)
    monkeypatch.setattr(R, "BATCH_SIZE", 20)
    monkeypatch.setattr(S, "BATCH_SIZE", int(__import__("os").environ.get("SB", "200")))
    archive = export(tmp_path / "a.jsonl")
    empty_the_archive()
    orig = R._index
    def idx(ids):
        print("before index peak", tracemalloc.get_traced_memory())
        tracemalloc.reset_peak()
        r = orig(ids)
        print("index peak", tracemalloc.get_traced_memory()); [print(s) for s in tracemalloc.take_snapshot().statistics("lineno")[:8]]
        return r
    monkeypatch.setattr(R, "_index", idx)
    tracemalloc.start()
    restore(archive)
    tracemalloc.stop()
