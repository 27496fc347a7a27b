// While a long chat is being read, say so: show the "reading" note and stop a second submit.
// Without JavaScript the form works the same; the note above the button says it may take a minute.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-lens-reading]");
  if (!form) return;
  form.addEventListener("submit", () => {
    const note = document.getElementById("reading-note");
    if (note) note.hidden = false;
    const button = form.querySelector("button[type=submit]");
    if (button) {
      button.disabled = true;
      button.textContent = "Reading…";
    }
  });
});
