/*
 * Closes two gaps in Wagtail 8's autosave (w-unsaved + w-autosave controllers) so
 * no editor loses work (docs/decisions/0042). Loaded on every page and snippet
 * editor through the `insert_editor_js` hook.
 *
 * 1. Edits made before w-unsaved takes its first snapshot of the form (2 s after
 *    the editor starts, later on a busy machine) become part of that snapshot:
 *    they are never seen as changes, so nothing autosaves them and leaving the
 *    page does not warn. Real (trusted) input before the snapshot is noted, and
 *    the form is then marked as changed with w-unsaved's own `force` value, which
 *    makes it autosave as usual.
 * 2. On a create form, "Submit to Comms sign-off" (or any submit) pressed while an
 *    autosave is in flight posts the create form a second time; the autosave has
 *    already created the page, so the server answers "slug in use". A submit made
 *    while an autosave is pending now waits until it has finished (the form then
 *    posts to the new page's edit URL), and autosave stops once a submit is sent.
 * 3. Edits made while an autosave is in flight: when it succeeds, Wagtail takes
 *    the form as it is *then* as saved (w-autosave:success -> w-unsaved#clear),
 *    so those edits are never autosaved and leaving the page does not warn. What
 *    the autosave sent is noted; if the form differs from it once it succeeds
 *    (leaving out what the server itself filled in), the form is marked as
 *    changed again with w-unsaved's `force` value, and autosaves as usual.
 */
(() => {
  'use strict';

  /** Longest wait for a pending autosave before submitting anyway. */
  const SETTLE_TIMEOUT_MS = 30000;

  function watchEarlyEdits(form) {
    let snapshotTaken = false;
    let editedEarly = false;
    const noteEdit = (event) => {
      if (!snapshotTaken && event.isTrusted) editedEarly = true;
    };
    form.addEventListener('input', noteEdit, true);
    form.addEventListener('change', noteEdit, true);
    form.addEventListener('w-unsaved:watch-edits', () => {
      if (snapshotTaken) return;
      snapshotTaken = true;
      form.removeEventListener('input', noteEdit, true);
      form.removeEventListener('change', noteEdit, true);
      if (editedEarly) form.setAttribute('data-w-unsaved-force-value', 'true');
    });
  }

  function stopAutosave(form) {
    form.setAttribute('data-w-autosave-active-value', 'false');
  }

  function resubmit(form, submitter) {
    stopAutosave(form);
    // The pressed button may be disabled by its progress spinner or replaced
    // when the create form became an edit form: send its name and value in a
    // hidden field instead.
    if (submitter.name) {
      const field = document.createElement('input');
      field.type = 'hidden';
      field.name = submitter.name;
      field.value = submitter.value;
      form.append(field);
    }
    form.requestSubmit();
  }

  function holdSubmitsDuringAutosave(form) {
    let pending = false;
    let queued = null;
    let fallback = null;

    form.addEventListener('w-autosave:save', (event) => {
      pending = true;
      // A cancelled save event sends nothing.
      setTimeout(() => {
        if (event.defaultPrevented) pending = false;
      }, 0);
    });

    const settle = () => {
      pending = false;
      if (!queued) return;
      const submitter = queued;
      queued = null;
      clearTimeout(fallback);
      resubmit(form, submitter);
    };
    ['w-autosave:success', 'w-autosave:error', 'w-autosave:deactivated'].forEach(
      (name) => form.addEventListener(name, settle),
    );

    form.addEventListener(
      'submit',
      (event) => {
        if (!pending) {
          stopAutosave(form);
          return;
        }
        event.preventDefault();
        if (!queued) {
          const button = event.submitter;
          queued = { name: button ? button.name : '', value: button ? button.value : '' };
          fallback = setTimeout(settle, SETTLE_TIMEOUT_MS);
        }
      },
      true,
    );
  }

  /** A form's data as comparable strings, leaving out what no editor types. */
  const NOT_EDITS = new Set(['csrfmiddlewaretoken', 'overwrite_revision_id']);

  function snapshot(formData, skip) {
    const entries = [];
    formData.forEach((value, name) => {
      if (NOT_EDITS.has(name) || skip.has(name)) return;
      const text = value instanceof File ? `${value.name}:${value.size}` : value;
      entries.push(`${name}=${text}`);
    });
    return entries.sort().join('&');
  }

  function keepEditsMadeDuringAutosave(form) {
    let sent = null;

    form.addEventListener('w-autosave:save', (event) => {
      const formData = event.detail && event.detail.formData;
      setTimeout(() => {
        if (!event.defaultPrevented && formData) sent = formData;
      }, 0);
    });

    form.addEventListener('w-autosave:success', (event) => {
      const saved = sent;
      sent = null;
      if (!saved) return;
      const response = (event.detail && event.detail.response) || {};
      const filledIn = new Set(Object.keys(response.field_updates || {}));
      // After Wagtail's own handlers (w-unsaved#clear) have run.
      setTimeout(() => {
        if (snapshot(new FormData(form), filledIn) !== snapshot(saved, filledIn)) {
          form.setAttribute('data-w-unsaved-force-value', 'true');
        }
      }, 0);
    });
  }

  function guard() {
    document.querySelectorAll('form[data-controller~="w-autosave"]').forEach((form) => {
      if (form.dataset.autosaveGuard) return;
      form.dataset.autosaveGuard = 'on';
      watchEarlyEdits(form);
      holdSubmitsDuringAutosave(form);
      keepEditsMadeDuringAutosave(form);
    });
  }

  guard();
  document.addEventListener('DOMContentLoaded', guard);
})();
