/**
 * What the gallery caches and how a change retires it. Only public views are ever cached.
 *
 * Every view of the gallery (a creation, a listing page, tag suggestions) shares one generation in
 * D1 (lib/cache.ts): a change adds `galleryChanged(db)` to its own db.batch, then calls
 * `afterGalleryChange()`. A change writes no KV key at all, so no number of publishes, edits and
 * scores per second can trip KV's one-write-a-second-per-key limit. The price: any change retires
 * every cached gallery view, so under a steady stream of writes entries live about as long as the
 * gap between writes (at least GENERATION_MEMO_MS in each isolate). Reads stay exact; a busy
 * gallery is served by the isolate memo and D1's indexed pages, which the bench measures.
 */
import { bumpGeneration, cachedJsonText, forgetGeneration, generation } from "../../lib/cache";
import type { Database } from "../../lib/db";
import type { JsonText } from "../../lib/json-text";

const ENTRY_TTL = 3600;
const LIST_TTL = 300;
const GALLERY = "gallery";

/** Every KV key the gallery's cache uses starts with one of these (erasure sweeps them). */
export const GALLERY_CACHE_PREFIXES = ["creation:", "list:", "tags:"] as const;

type Prefix = (typeof GALLERY_CACHE_PREFIXES)[number];

async function cached<T>(
  db: Database,
  kv: KVNamespace,
  prefix: Prefix,
  rest: string,
  ttl: number,
  load: () => Promise<T>,
): Promise<JsonText<T>> {
  return cachedJsonText(kv, `${prefix}${await generation(db, GALLERY)}:${rest}`, ttl, load);
}

export const cachedCreation = <T>(db: Database, kv: KVNamespace, id: string, load: () => Promise<T>) =>
  cached(db, kv, "creation:", id, ENTRY_TTL, load);

export const cachedList = <T>(db: Database, kv: KVNamespace, query: string, load: () => Promise<T>) =>
  cached(db, kv, "list:", query, LIST_TTL, load);

/** Tag suggestions change with uploads. */
export const cachedSuggestions = <T>(db: Database, kv: KVNamespace, query: string, load: () => Promise<T>) =>
  cached(db, kv, "tags:", query, LIST_TTL, load);

/** The statement every change a gallery view can show puts in its own db.batch. */
export const galleryChanged = (db: Database) => bumpGeneration(db, GALLERY);

/** After that batch committed: this isolate serves the new generation from its next read. */
export const afterGalleryChange = () => forgetGeneration(GALLERY);
