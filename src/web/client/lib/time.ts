/**
 * Moments in the reader's own time zone. Pages render <time datetime="…"> in UTC (the server does not
 * know the reader's zone); this rewrites their text with the browser's locale and zone.
 */
const format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function localizeTime(el: HTMLTimeElement): void {
  const when = new Date(el.dateTime);
  if (Number.isNaN(when.getTime())) return;
  el.textContent = format.format(when);
  el.title = `${when.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function localizeTimes(root: ParentNode = document): void {
  root.querySelectorAll<HTMLTimeElement>("time[datetime]").forEach(localizeTime);
}
