/**
 * Paging through R2 and KV listings. Both answer at most 1,000 keys a call; the privacy jobs
 * (erasure, retention, key rotation) must see every key under a prefix, so they walk every page.
 */
import { uncache } from "./cache";

/** Every page of R2 objects under `prefix` (with custom metadata, which rotation reads). */
export async function* r2Pages(bucket: R2Bucket, prefix: string): AsyncGenerator<R2Object[]> {
  let cursor: string | undefined;
  do {
    // `include` is honoured by the runtime but missing from the R2ListOptions type.
    const page = await bucket.list({ prefix, cursor, include: ["customMetadata"] } as R2ListOptions);
    if (page.objects.length) yield page.objects;
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
}

/** Deletes every R2 object under `prefix`; returns how many there were. */
export async function deleteR2Prefix(bucket: R2Bucket, prefix: string): Promise<number> {
  let n = 0;
  for await (const objects of r2Pages(bucket, prefix)) {
    await bucket.delete(objects.map((o) => o.key));
    n += objects.length;
  }
  return n;
}

/** Deletes every KV key under `prefix`; returns how many there were. */
export async function deleteKvPrefix(kv: KVNamespace, prefix: string): Promise<number> {
  let n = 0;
  let cursor: string | undefined;
  do {
    const page = await kv.list({ prefix, cursor });
    // Through uncache, so this isolate forgets its remembered copies too.
    await Promise.all(page.keys.map((k) => uncache(kv, k.name)));
    n += page.keys.length;
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return n;
}
