/**
 * A creation's page: live values of the score sliders, saving a score without leaving the page, and
 * the confirmation before deleting. Without script the score form posts and the page reloads.
 */
import { apiFetch } from "./lib/api";
import { confirmDestructiveForms } from "./lib/confirm";

confirmDestructiveForms();

const form = document.querySelector<HTMLFormElement>("form[data-score]");
if (form) {
  const status = form.querySelector<HTMLElement>("[data-score-status]");
  for (const slider of form.querySelectorAll<HTMLInputElement>('input[type="range"]')) {
    const output = form.querySelector<HTMLOutputElement>(`output[for="${slider.id}"]`);
    slider.addEventListener("input", () => {
      if (output) output.value = slider.value;
    });
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = (name: string) => Number((form.elements.namedItem(name) as HTMLInputElement).value);
    if (status) status.textContent = "Saving…";
    const res = await apiFetch(`/creations/${form.dataset.score}/score`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ creativity: value("creativity"), uniqueness: value("uniqueness") }),
    }).catch(() => undefined);
    if (!res?.ok) {
      // The plain form post gets a page that explains what went wrong.
      form.submit();
      return;
    }
    const { score } = (await res.json()) as { score: Record<string, number> };
    for (const cell of document.querySelectorAll<HTMLElement>("[data-summary]")) {
      const n = score[cell.dataset.summary!];
      if (n !== undefined) cell.textContent = n.toFixed(Number(cell.dataset.digits ?? 0));
    }
    if (status) status.textContent = "Score saved.";
  });
}
