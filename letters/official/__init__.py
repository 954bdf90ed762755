"""The official publications of the Tweede Kamer (Kamerstukken as XML with a
``metadata.xml``), read into the archive's own shapes. Pure Python: no Django.

    errors       ``OfficialRefused`` (a file), ``ServiceUnavailable``/``ServiceError`` (the service)
    types        the values: ``OfficialPublication``, ``PublisherLink``, ``PublicationDates``
    xmlsafe      parse untrusted XML without entity expansion or network access
    metadata     metadata.xml (and its two other spellings) → ``PublicationMetadata``
    body, inline the publication's text → ``CleanText`` + the publisher's links
    kinds        the kinds of Kamerstuk (brief, motie, amendement, …)
    links        the publisher's links classified, and compared with our citations
    publication  XML + metadata → ``OfficialPublication`` (or ``OfficialRefused``)
    extraction   → the ingest ``Extraction`` (the publication's statements win)
                 and the comparison of the publisher's links with our citations
    sru          CQL queries and SRU responses of the official repository
    client       the polite HTTP client (httpx) for the SRU service and documents
    store        the local folder of fetched publications, laid out as the repository
    fetch        SRU records → files in the store, resumable

See ``docs/official.md`` for the formats and the mapping of every field.
"""
