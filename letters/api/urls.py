"""Placeholder: the read-only JSON API is being written."""

urlpatterns = []
