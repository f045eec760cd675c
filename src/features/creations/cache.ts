/** What the gallery caches and how each write invalidates it. Only public views are ever cached. */
import { bumpGeneration, cachedJsonText, generation, uncache } from "../../lib/cache";
import type { JsonText } from "../../lib/json-text";

const ENTRY_TTL = 3600;
const LIST_TTL = 300;
const LISTS = "creation-lists";

export const creationKey = (id: string) => `creation:${id}`;

export const cachedCreation = <T>(kv: KVNamespace, id: string, load: () => Promise<T>) =>
  cachedJsonText(kv, creationKey(id), ENTRY_TTL, load);

export async function cachedList<T>(
  kv: KVNamespace,
  query: string,
  load: () => Promise<T>,
): Promise<JsonText<T>> {
  return cachedJsonText(kv, `list:${await generation(kv, LISTS)}:${query}`, LIST_TTL, load);
}

/** After any change to a creation: its entry, and every listing it might appear in. */
export async function invalidateCreation(kv: KVNamespace, id: string): Promise<void> {
  await Promise.all([uncache(kv, creationKey(id)), bumpGeneration(kv, LISTS)]);
}

/** After a change that every view of these creations shows (their owner's display name). */
export async function invalidateCreations(kv: KVNamespace, ids: string[]): Promise<void> {
  await Promise.all([...ids.map((id) => uncache(kv, creationKey(id))), bumpGeneration(kv, LISTS)]);
}

/** Tag suggestions change with uploads; they share the listings' generation. */
export async function cachedSuggestions<T>(
  kv: KVNamespace,
  query: string,
  load: () => Promise<T>,
): Promise<JsonText<T>> {
  return cachedJsonText(kv, `tags:${await generation(kv, LISTS)}:${query}`, LIST_TTL, load);
}
