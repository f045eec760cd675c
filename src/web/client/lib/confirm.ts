/**
 * Forms with data-confirm="question" ask before they submit (deleting, deactivating). Without script
 * they submit directly; the server does not depend on the question having been asked.
 */
export function confirmDestructiveForms(root: Document = document): void {
  root.addEventListener("submit", (event) => {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm))
      event.preventDefault();
  });
}
