/**
 * Loaded by every page: moments shown in the reader's time zone, and the theme switch applied at
 * once (without script the footer form posts and the page comes back in the chosen theme).
 */
import { localizeTimes } from "./lib/time";

localizeTimes();

const themeForm = document.querySelector<HTMLFormElement>("form[data-theme-form]");
const select = themeForm?.querySelector("select");
themeForm?.querySelector("[data-theme-apply]")?.setAttribute("hidden", "");
select?.addEventListener("change", () => {
  document.documentElement.dataset.theme = select.value;
  // Remembered by the same POST the form makes without script (it sets the theme cookie).
  void fetch(themeForm!.action, { method: "POST", body: new FormData(themeForm!), redirect: "manual" });
});
