"""Admin flow "Nieuwe brief uit tekst": paste text or upload a file → review what
was found (drop wrong items, correct metadata) → save → the normal change form."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from letters.kamerstuk import InvalidKamerstuk, normalise_dossier
from letters.models import Decision, Dossier, Letter, LetterKind, Report
from letters.services import LetterOverrides, Selection, mission_names, save_extraction

ITEM_KINDS = ("citations", "proceedings", "amounts", "missions", "recommendations")
DECISION_LABELS = dict(Decision.choices)


class SourceForm(forms.Form):
    text = forms.CharField(
        label="Tekst van de brief",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
        help_text="Plak de tekst uit de PDF, of kies hieronder een bestand.",
    )
    upload = forms.FileField(
        label="Of een bestand (.txt of .pdf)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.pdf,text/plain,application/pdf"}),
    )

    def clean(self):
        from letters.ingest.sources import UnreadableSource, read_letter_source

        data = super().clean()
        text, upload = data.get("text", "").strip(), data.get("upload")
        if not text and not upload:
            raise ValidationError("Plak de tekst van de brief of kies een bestand.")
        if upload:
            limit = settings.LETTER_UPLOAD_MAX_BYTES
            if upload.size > limit:
                raise ValidationError(
                    f"Het bestand is te groot ({upload.size // 1024} kB); "
                    f"het maximum is {limit // (1024 * 1024)} MB."
                )
            try:
                data["raw_text"] = read_letter_source(upload.read(), filename=upload.name)
            except UnreadableSource as error:
                raise ValidationError(f"{upload.name}: {error}") from error
            data["source_name"] = upload.name
        else:
            try:
                data["raw_text"] = read_letter_source(text.encode("utf-8"), filename="geplakt.txt")
            except UnreadableSource as error:
                raise ValidationError(str(error)) from error
            data["source_name"] = ""
        return data


class ReviewForm(forms.Form):
    """The metadata an editor confirms; the raw text travels along in a hidden field
    and is extracted again on save (extraction is deterministic)."""

    raw_text = forms.CharField(widget=forms.HiddenInput, strip=False)
    source_name = forms.CharField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label="Titel", max_length=500)
    dossier = forms.CharField(label="Hoofddossier", max_length=20, required=False, help_text="Bijv. 33694 of 35300-V")
    number = forms.IntegerField(label="Ondernummer", required=False, min_value=1, max_value=99999)
    date = forms.DateField(
        label="Datum", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    year = forms.IntegerField(label="Jaar", required=False, min_value=1900, max_value=2100)
    vergaderjaar = forms.RegexField(
        label="Vergaderjaar", regex=r"^\d{4}-\d{4}$", required=False, help_text="Bijv. 2015-2016"
    )
    kind = forms.ChoiceField(label="Soort", choices=[("", "—")] + LetterKind.choices, required=False)
    signatories = forms.CharField(
        label="Ondertekenaars",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="Eén per regel: functie | naam, bijv. Minister van Defensie | A.Th.B. Bijleveld-Schouten",
    )
    report = forms.ModelChoiceField(
        label="Rapport van de aanbevelingen",
        queryset=Report.objects.all(),
        required=False,
        help_text="Het rapport waarop deze brief reageert (alleen als er aanbevelingen zijn gevonden).",
    )

    def clean_dossier(self):
        value = self.cleaned_data["dossier"].strip()
        if not value:
            return ""
        try:
            return normalise_dossier(value)
        except InvalidKamerstuk as error:
            raise ValidationError("Ongeldig dossiernummer: schrijf het als 33694 of 35300-V.") from error

    def clean_signatories(self):
        rows = []
        for line_number, line in enumerate(self.cleaned_data["signatories"].splitlines(), start=1):
            if not line.strip():
                continue
            function, sep, name = line.partition("|")
            if not sep or not function.strip() or not name.strip():
                raise ValidationError(f"Regel {line_number}: schrijf 'functie | naam'.")
            rows.append({"function": function.strip(), "name": name.strip()})
        return rows

    def clean(self):
        data = super().clean()
        dossier, number = data.get("dossier"), data.get("number")
        if number and not dossier:
            self.add_error("dossier", "Een ondernummer hoort bij een dossier.")
        if dossier and number:
            clash = Letter.objects.filter(dossier__number=dossier, number=number).first()
            if clash:
                self.add_error(
                    "number",
                    f"Kamerstuk {dossier}, nr. {number} staat al in het archief: «{clash.title}».",
                )
        if data.get("date") and data.get("year") and data["date"].year != data["year"]:
            self.add_error("year", "Het jaar wijkt af van de datum.")
        return data

    def overrides(self) -> LetterOverrides:
        data = self.cleaned_data
        return LetterOverrides(
            title=data["title"],
            dossier=data["dossier"] or None,
            number=data["number"],
            date=data["date"],
            year=data["year"],
            vergaderjaar=data["vergaderjaar"] or "",
            kind=data["kind"] or "",
            signatories=data["signatories"],
        )

    def selection(self, post) -> Selection:
        return Selection(
            **{kind: {int(i) for i in post.getlist(kind) if i.isascii() and i.isdigit()} for kind in ITEM_KINDS}
        )


def extract(raw_text: str):
    from letters.ingest.pipeline import extract as run_pipeline

    return run_pipeline(raw_text, mission_names())


def initial_review_data(extraction, raw_text: str, source_name: str) -> dict:
    meta = extraction.metadata
    key = meta.key or extraction.clean.own_key
    return {
        "raw_text": raw_text,
        "source_name": source_name,
        "title": meta.title,
        "dossier": key.dossier if key else "",
        "number": key.number if key else None,
        "date": meta.date,
        "year": meta.year,
        "vergaderjaar": meta.vergaderjaar or extraction.clean.vergaderjaar or "",
        "kind": meta.kind,
        "signatories": "\n".join(f"{s.function} | {s.name}" for s in meta.signatories),
    }


class NewLetterFromTextView(View):
    model_admin = None
    source_template = "admin/letters/letter/from_text.html"
    review_template = "admin/letters/letter/review.html"

    def dispatch(self, request, *args, **kwargs):
        if not self.model_admin.has_add_permission(request):
            messages.error(request, "Je hebt geen rechten om brieven toe te voegen.")
            return redirect("admin:index")
        return super().dispatch(request, *args, **kwargs)

    def context(self, request, **extra):
        return {
            **self.model_admin.admin_site.each_context(request),
            "opts": Letter._meta,
            "title": "Nieuwe brief uit tekst",
            "max_upload_mb": settings.LETTER_UPLOAD_MAX_BYTES // (1024 * 1024),
            **extra,
        }

    def get(self, request):
        return render(request, self.source_template, self.context(request, form=SourceForm()))

    def post(self, request):
        if "confirm" in request.POST:
            return self.save(request)
        form = SourceForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.source_template, self.context(request, form=form), status=400)
        raw_text = form.cleaned_data["raw_text"]
        extraction = extract(raw_text)
        review = ReviewForm(initial=initial_review_data(extraction, raw_text, form.cleaned_data["source_name"]))
        return self.render_review(request, review, extraction)

    def render_review(self, request, review, extraction, status=200):
        return render(
            request,
            self.review_template,
            self.context(
                request,
                form=review,
                extraction=extraction,
                missions=[(m, DECISION_LABELS.get(m.decision or "", "")) for m in extraction.missions],
                dossier_known=self._dossier_known(review),
            ),
            status=status,
        )

    def _dossier_known(self, review):
        value = review.initial.get("dossier") if not review.is_bound else review.data.get("dossier")
        return not value or Dossier.objects.filter(number=value).exists()

    def save(self, request):
        review = ReviewForm(request.POST)
        raw_text = request.POST.get("raw_text", "")
        if not raw_text.strip():
            messages.error(request, "De tekst van de brief ontbreekt; begin opnieuw.")
            return redirect("admin:letters_letter_from_text")
        extraction = extract(raw_text)
        if not review.is_valid():
            return self.render_review(request, review, extraction, status=400)
        letter = save_extraction(
            extraction=extraction,
            original_text=raw_text,
            overrides=review.overrides(),
            selection=review.selection(request.POST),
            source_name=review.cleaned_data["source_name"],
            report=getattr(review.cleaned_data["report"], "title", None),
        )
        messages.success(
            request,
            f"De brief «{letter.title}» is opgeslagen met {letter.citations.count()} verwijzingen, "
            f"{letter.mission_links.count()} missievermeldingen en "
            f"{letter.budget_lines.count()} begrotingsregels. Controleer de rest hieronder.",
        )
        return redirect(reverse("admin:letters_letter_change", args=[letter.pk]))
