"""Developer tools, not part of the archive: the synthetic corpus generator
(``corpus``, ``manage.py generate_corpus``) and the benchmarks (``manage.py
benchmark``, ``manage.py benchmark_extraction``). Installed by the development
(``DEBUG=1``), test and benchmark settings, never by production settings."""
