"""Text ingestion: raw letter text → clean paragraphs, metadata, citations, amounts,
missions and recommendations. Plain Python, no Django ORM import anywhere in this
package, so it is fast and unit-testable. ``pipeline.extract`` is the entry point;
``letters.services`` saves its result.
"""
