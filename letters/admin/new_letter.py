"""Admin flow "Nieuwe brief uit tekst": paste text or upload a file → review what
was found (drop wrong items, correct metadata) → save → the normal change form.

A letter the archive already holds (same Kamerstuk number, same text, or the same
paragraphs: the official page pasted after the PDF was imported) is recognised on
the review page, which then offers to update that letter instead of refusing or
duplicating it."""

from __future__ import annotations

from functools import partial

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from letters.admin import pending
from letters.admin.text_limits import limits, text_too_long, too_large_message
from letters.kamerstuk import InvalidKamerstuk, normalise_dossier
from letters.models import Decision, Dossier, Letter, LetterKind, Report
from letters.request_limits import TOO_LARGE, Refusal, answers_refused_requests
from letters.selectors.same_letter import SAME_NUMBER, SameLetter, same_letter
from letters.services import (
    LetterOverrides,
    Selection,
    mission_names,
    save_extraction,
    text_hash,
)

ITEM_KINDS = ("citations", "proceedings", "amounts", "missions", "recommendations")
DECISION_LABELS = dict(Decision.choices)
START_AGAIN = "De tekst van de brief is niet (meer) beschikbaar; begin opnieuw."


class SourceForm(forms.Form):
    text = forms.CharField(
        label="Tekst van de brief",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
        help_text="Plak de tekst uit de PDF, of kies hieronder een bestand.",
    )
    upload = forms.FileField(
        label="Of een bestand (.txt, .pdf of .docx)",
        required=False,
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".txt,.pdf,.docx,text/plain,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )

    def clean(self):
        from letters.ingest.sources import UnreadableSource, read_letter_source

        data = super().clean()
        text, upload = data.get("text", "").strip(), data.get("upload")
        if not text and not upload:
            raise ValidationError("Plak de tekst van de brief of kies een bestand.")
        if not upload and (message := text_too_long(text)):
            raise ValidationError(message)
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
        if message := text_too_long(data["raw_text"]):
            raise ValidationError(message)
        return data


class ReviewForm(forms.Form):
    """The metadata an editor confirms. The text stays on the server (``pending``);
    the form carries its reference, and the text is extracted again on save
    (extraction is deterministic)."""

    text_ref = forms.CharField(widget=forms.HiddenInput)
    # The stored letter this text is (see letters.selectors.same_letter) and its version.
    existing = forms.IntegerField(widget=forms.HiddenInput, required=False)
    existing_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    existing_reason = forms.CharField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label="Titel", max_length=500)
    dossier = forms.CharField(label="Hoofddossier", max_length=20, required=False, help_text="Bijv. 33694 of 35300-V")
    number = forms.IntegerField(label="Ondernummer", required=False, min_value=1, max_value=99999)
    other_dossiers = forms.CharField(
        label="Overige dossiers",
        max_length=200,
        required=False,
        help_text="Bij een brief in meer dossiers, gescheiden door komma's: bijv. 28973, 35300-V",
    )
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

    def clean_other_dossiers(self):
        numbers = []
        for written in self.cleaned_data["other_dossiers"].split(","):
            if not written.strip():
                continue
            try:
                numbers.append(normalise_dossier(written))
            except InvalidKamerstuk as error:
                raise ValidationError(
                    f"Ongeldig dossiernummer «{written.strip()}»: schrijf het als 33694 of 35300-V."
                ) from error
        return list(dict.fromkeys(numbers))

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
            if clash and clash.pk != self.updating():
                self.add_error(
                    "number",
                    f"Kamerstuk {dossier}, nr. {number} staat al in het archief: «{clash.title}».",
                )
        if data.get("date") and data.get("year") and data["date"].year != data["year"]:
            self.add_error("year", "Het jaar wijkt af van de datum.")
        return data

    def updating(self) -> int | None:
        """The stored letter this save updates (None: a new letter)."""
        if "as_new" in self.data:
            return None
        return self.cleaned_data.get("existing")

    def overrides(self) -> LetterOverrides:
        data = self.cleaned_data
        return LetterOverrides(
            title=data["title"],
            dossier=data["dossier"],  # "" when the editor emptied it: no Kamerstuk number
            number=data["number"],
            other_dossiers=[d for d in data["other_dossiers"] if d != data["dossier"]],
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


def initial_review_data(extraction, text_ref: str, same: SameLetter | None = None) -> dict:
    meta = extraction.metadata
    key = meta.key or extraction.clean.own_key
    return {
        "text_ref": text_ref,
        "existing": same.letter.pk if same else None,
        "existing_version": same.letter.version if same else None,
        "existing_reason": same.reason if same else "",
        "title": meta.title,
        "dossier": key.dossier if key else "",
        "number": key.number if key else None,
        "other_dossiers": ", ".join(meta.other_dossiers),
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
            **limits(),
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
        same = same_letter(extraction, text_hash=text_hash(raw_text))
        text_ref = pending.keep(
            text=raw_text, user=request.user, metadata={"source_name": form.cleaned_data["source_name"]}
        )
        review = ReviewForm(initial=initial_review_data(extraction, text_ref, same))
        return self.render_review(request, review, extraction, same=same)

    def render_review(self, request, review, extraction, status=200, same=None):
        return render(
            request,
            self.review_template,
            self.context(
                request,
                form=review,
                extraction=extraction,
                missions=[(m, DECISION_LABELS.get(m.decision or "", "")) for m in extraction.missions],
                dossier_known=self._dossier_known(review),
                same=same,
                same_by_number=bool(same and same.reason == SAME_NUMBER),
                header=extraction.clean.header,
            ),
            status=status,
        )

    def _same(self, review) -> SameLetter | None:
        """The stored letter a bound review form updates (kept across a correction)."""
        pk = review.data.get("existing", "")
        letter = Letter.objects.filter(pk=pk).first() if str(pk).isdigit() else None
        return SameLetter(letter, review.data.get("existing_reason", "")) if letter else None

    def _dossier_known(self, review):
        value = review.initial.get("dossier") if not review.is_bound else review.data.get("dossier")
        return not value or Dossier.objects.filter(number=value).exists()

    def save(self, request):
        review = ReviewForm(request.POST)
        kept = pending.read(request.POST.get("text_ref", ""), user=request.user)
        if kept is None:
            messages.error(request, START_AGAIN)
            return redirect("admin:letters_letter_from_text")
        extraction = extract(kept.text)
        if not review.is_valid():
            return self.render_review(request, review, extraction, status=400, same=self._same(review))
        existing = None
        if pk := review.updating():
            existing = Letter.objects.filter(pk=pk).first()
            refused = self._refuse_update(request, existing, review)
            if refused:
                return refused
        letter = save_extraction(
            extraction=extraction,
            original_text=kept.text,
            overrides=review.overrides(),
            selection=review.selection(request.POST),
            letter=existing,
            source_name=kept.metadata.get("source_name", ""),
            report=getattr(review.cleaned_data["report"], "title", None),
        )
        pending.forget(kept.reference)
        messages.success(
            request,
            f"De brief «{letter.title}» is {'bijgewerkt' if existing else 'opgeslagen'} met "
            f"{letter.citations.count()} verwijzingen, "
            f"{letter.mission_links.count()} missievermeldingen en "
            f"{letter.budget_lines.count()} begrotingsregels. Controleer de rest hieronder.",
        )
        return redirect(reverse("admin:letters_letter_change", args=[letter.pk]))

    def _refuse_update(self, request, existing, review):
        """A clear answer instead of a silent overwrite: the letter is gone, the editor
        may not change it, or someone changed it since the review page was shown."""
        if existing is None:
            messages.error(request, "De brief die zou worden bijgewerkt bestaat niet meer; begin opnieuw.")
            return redirect("admin:letters_letter_from_text")
        if not self.model_admin.has_change_permission(request, existing):
            messages.error(request, "Je hebt geen rechten om deze brief bij te werken.")
            return redirect("admin:letters_letter_from_text")
        if review.cleaned_data.get("existing_version") not in (None, existing.version):
            messages.error(
                request,
                f"De brief «{existing.title}» is intussen door iemand anders gewijzigd; "
                "begin opnieuw om de nieuwste versie bij te werken.",
            )
            return redirect("admin:letters_letter_from_text")
        return None


def refused(request, refusal: Refusal, *, model_admin):
    """A request too large or with too many fields for the server to read
    (``letters.request_limits``): the form again, with what went wrong."""
    if not model_admin.admin_site.has_permission(request):
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not model_admin.has_add_permission(request):
        return redirect("admin:index")
    view = NewLetterFromTextView(model_admin=model_admin)
    if refusal.reason == TOO_LARGE:
        error = too_large_message()
    else:
        error = f"{refusal.message} {START_AGAIN}"
    context = view.context(request, form=SourceForm(), error=error)
    return render(request, view.source_template, context, status=refusal.status)


def new_letter_view(model_admin):
    """The admin's "Nieuwe brief uit tekst" view, answering requests over the limits
    with its own page."""
    view = model_admin.admin_site.admin_view(NewLetterFromTextView.as_view(model_admin=model_admin))
    return answers_refused_requests(partial(refused, model_admin=model_admin))(view)
