// Marks the page as having JavaScript so NHS.UK components enhance themselves.
// Loaded as a file, not inline, so the Content-Security-Policy can forbid inline scripts.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " nhsuk-frontend-supported" : "");
