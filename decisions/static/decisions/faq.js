// Opens the question a link points at (/frequently-asked-questions/#slug), so a
// shared link shows its answer. Without JavaScript the page still scrolls to
// the question, which opens with a click, Enter or Space.
function openTargetedQuestion() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!id) return;
  const target = document.getElementById(id);
  const details = target && target.closest("details");
  if (details) details.open = true;
}

openTargetedQuestion();
window.addEventListener("hashchange", openTargetedQuestion);
