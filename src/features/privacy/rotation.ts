/**
 * The key-rotation command (POST /admin/data-keys/rotate): after a new key is put first in DATA_KEYS,
 * it re-seals every stored value under it, so the old key can then be removed.
 *
 * The work is paged so that no single request runs long: each call does one page of one phase and
 * returns a cursor for the next call, until `nextCursor` is null. Phases: artifact bodies and
 * exports in R2 (objects whose metadata names another key), each chatting user's Durable Object
 * (messages and event log), and the KV cache of latest artifacts, which is simply dropped: it
 * refills sealed under the new key. Every step skips what is already current, so a rotation that
 * stopped part-way is resumed by starting again without a cursor.
 */
import { uncache } from "../../lib/cache";
import { auditEntry } from "../../lib/audit";
import { base64url, fromBase64url } from "../../lib/crypto";
import type { Deps } from "../../lib/deps";
import { badRequest } from "../../lib/problem";
import { putStream } from "../../lib/r2-upload";
import { isSealedStream, keyring, openStream, resealBytes, sealStream } from "../../lib/sealing";
import { userChat } from "../../lib/user-chat";
import { conversationOwners } from "../chat/queries";
import { EXPORT_PREFIX } from "./export";

const PHASES = ["artifacts", "exports", "chats", "caches"] as const;
type Phase = (typeof PHASES)[number];

interface Cursor {
  phase: number;
  /** Where the phase stopped: an R2 or KV list cursor, or the last user id. */
  after?: string;
}

/** Every owner's artifacts live under ownerPrefix(ownerId) = artifacts/<ownerId>/. */
const R2_PREFIXES: Partial<Record<Phase, string>> = { artifacts: "artifacts/", exports: EXPORT_PREFIX };

const encode = (c: Cursor) => base64url(new TextEncoder().encode(JSON.stringify(c)));

function decode(s: string | undefined): Cursor {
  if (!s) return { phase: 0 };
  try {
    const c = JSON.parse(new TextDecoder().decode(fromBase64url(s))) as Cursor;
    if (
      Number.isInteger(c.phase) &&
      c.phase >= 0 &&
      c.phase < PHASES.length &&
      (c.after === undefined || typeof c.after === "string")
    )
      return c;
  } catch {
    // fall through
  }
  throw badRequest("The cursor is not one this command issued.", [
    { field: "cursor", message: "Invalid cursor" },
  ]);
}

async function resealObjects(
  env: Env,
  prefix: string,
  current: string,
  after: string | undefined,
  limit: number,
) {
  const page = await env.MEDIA.list({
    prefix,
    cursor: after,
    limit,
    include: ["customMetadata"],
  } as R2ListOptions);
  let resealed = 0;
  for (const listed of page.objects.filter((o) => o.customMetadata?.keyId !== current)) {
    const head = await env.MEDIA.get(listed.key, { range: { offset: 0, length: 4 } });
    const object = head && (await env.MEDIA.get(listed.key));
    if (!head || !object) continue;
    if (isSealedStream(new Uint8Array(await head.arrayBuffer()))) {
      // Sealed in segments (an export): opened and sealed again as it streams, never held whole.
      const sealing = await sealStream(env, listed.key);
      await putStream(
        env.MEDIA,
        listed.key,
        object.body.pipeThrough(openStream(env, listed.key)).pipeThrough(sealing.stream),
        {
          httpMetadata: object.httpMetadata,
          customMetadata: { ...object.customMetadata, keyId: sealing.keyId },
        },
      );
    } else {
      const sealed = await resealBytes(env, new Uint8Array(await object.arrayBuffer()), listed.key);
      await env.MEDIA.put(listed.key, sealed.bytes, {
        httpMetadata: object.httpMetadata,
        customMetadata: { ...object.customMetadata, keyId: sealed.keyId },
      });
    }
    resealed++;
  }
  return { resealed, after: page.truncated ? page.cursor : undefined };
}

async function resealChats({ db, env }: Pick<Deps, "db" | "env">, after: string | undefined, limit: number) {
  const owners = await conversationOwners(db, { after, limit });
  let resealed = 0;
  for (const owner of owners) resealed += await userChat(env, owner).reseal();
  return { resealed, after: owners.length === limit ? owners.at(-1)!.id : undefined };
}

async function dropCaches(env: Env, after: string | undefined, limit: number) {
  const page = await env.KV.list({ prefix: "artifact:", cursor: after, limit });
  await Promise.all(page.keys.map((k) => uncache(env.KV, k.name)));
  return { resealed: page.keys.length, after: page.list_complete ? undefined : page.cursor };
}

export async function rotateStep(
  { db, env, ctx }: Deps,
  adminId: string,
  input: { cursor?: string; limit: number },
) {
  const cursor = decode(input.cursor);
  const { current } = await keyring(env);
  const phase = PHASES[cursor.phase]!;
  const prefix = R2_PREFIXES[phase];
  const step = prefix
    ? await resealObjects(env, prefix, current, cursor.after, input.limit)
    : phase === "chats"
      ? await resealChats({ db, env }, cursor.after, input.limit)
      : await dropCaches(env, cursor.after, input.limit);
  const next: Cursor | null = step.after
    ? { phase: cursor.phase, after: step.after }
    : cursor.phase + 1 < PHASES.length
      ? { phase: cursor.phase + 1 }
      : null;
  if (!next) {
    await auditEntry(db, ctx, { event: "data_keys.rotated", actorId: adminId, detail: { keyId: current } });
  }
  return { keyId: current, phase, resealed: step.resealed, nextCursor: next ? encode(next) : null };
}
