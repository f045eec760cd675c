/**
 * Tag suggestions for an input bound to a <datalist> (its `list` attribute), from GET /api/v1/tags.
 * The browser's own datalist UI shows them, so keyboard use and screen readers work as for any input.
 * With data-tags="multi" (a comma-separated field) suggestions complete the last tag typed.
 */
const DEBOUNCE_MS = 150;
const LIMIT = 8;

interface Suggestion {
  name: string;
  count: number;
}

/** The API's normal form of a tag ("Lego Technic" → "lego-technic"); undefined when it cannot be one. */
function normalize(raw: string): string | undefined {
  const tag = raw.trim().toLowerCase().replace(/\s+/g, "-");
  return /^[a-z0-9-]{0,32}$/.test(tag) ? tag : undefined;
}

export function suggestTags(input: HTMLInputElement): void {
  const list = input.list;
  if (!list) return;
  const multi = input.dataset.tags === "multi";
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked: string | undefined;

  async function update() {
    const parts = input.value.split(",");
    const prefix = normalize(parts[parts.length - 1] ?? "");
    if (prefix === undefined || prefix === asked) return;
    asked = prefix;
    const res = await fetch(`/api/v1/tags?prefix=${encodeURIComponent(prefix)}&limit=${LIMIT}`).catch(
      () => undefined,
    );
    if (!res?.ok || asked !== prefix) return;
    const { items } = (await res.json()) as { items: Suggestion[] };
    const head = multi
      ? parts
          .slice(0, -1)
          .map((p) => p.trim())
          .filter(Boolean)
      : [];
    list!.replaceChildren(
      ...items.map((t) => {
        const option = document.createElement("option");
        option.value = [...head, t.name].join(", ");
        option.label = `${t.count} creation${t.count === 1 ? "" : "s"}`;
        return option;
      }),
    );
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, DEBOUNCE_MS);
  });
  // Popular tags before anything is typed.
  input.addEventListener("focus", () => void update(), { once: true });
}

export function suggestAllTagInputs(root: ParentNode = document): void {
  root.querySelectorAll<HTMLInputElement>("input[data-tags]").forEach(suggestTags);
}
