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

  function guard() {
    document.querySelectorAll('form[data-controller~="w-autosave"]').forEach((form) => {
      if (form.dataset.autosaveGuard) return;
      form.dataset.autosaveGuard = 'on';
      watchEarlyEdits(form);
      holdSubmitsDuringAutosave(form);
    });
  }

  guard();
  document.addEventListener('DOMContentLoaded', guard);
})();
