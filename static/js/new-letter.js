// "Nieuwe brief uit tekst": say at once when a file or a pasted text is over the limits
// the server enforces (the same numbers, from the form's data attributes), instead of
// after uploading it. Without script the server says the same after the upload.
(function () {
  "use strict";
  var form = document.querySelector("form[data-max-upload-bytes]");
  if (!form) { return; }
  var maxBytes = parseInt(form.dataset.maxUploadBytes, 10);
  var maxChars = parseInt(form.dataset.maxTextChars, 10);
  var note = document.getElementById("limit-note");

  function tooBig() {
    var upload = form.querySelector("input[type=file]");
    var file = upload && upload.files && upload.files[0];
    if (file && file.size > maxBytes) { return form.dataset.fileMessage; }
    var text = form.querySelector("textarea");
    if (!file && text && text.value.trim().length > maxChars) { return form.dataset.textMessage; }
    return "";
  }

  function check(event) {
    var message = tooBig();
    note.textContent = message;
    note.hidden = !message;
    if (message && event.type === "submit") { event.preventDefault(); }
  }

  form.addEventListener("submit", check);
  // A file is checked as soon as it is chosen (a text only on sending: a check when the
  // text box loses focus would move the button away from under the pointer).
  var upload = form.querySelector("input[type=file]");
  if (upload) { upload.addEventListener("change", check); }
})();
