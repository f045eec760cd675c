import { auditEntry } from "../../lib/audit";
import { newId, randomToken, sha256Hex } from "../../lib/crypto";
import { TOKEN_PREFIX } from "../../lib/personal-tokens";
import { conflict, notFound } from "../../lib/problem";
import type { Scope } from "../../lib/scopes";
import type { AccessTokenView } from "./schemas";
import {
  type AccessTokenRow,
  countLiveTokens,
  findLiveToken,
  insertToken,
  listLiveTokens,
  renameToken,
  revokeToken,
} from "./queries";
import type { Deps } from "../../lib/deps";

/** Live tokens one account may hold at once. */
export const MAX_TOKENS_PER_USER = 50;
const DAY_MS = 24 * 3600 * 1000;

const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());

export const toTokenView = (r: AccessTokenRow): AccessTokenView => ({
  id: r.id,
  name: r.name,
  hint: r.hint,
  scopes: JSON.parse(r.scopes) as Scope[],
  expiresAt: iso(r.expiresAt),
  createdAt: iso(r.createdAt)!,
  lastUsedAt: iso(r.lastUsedAt),
});

export async function createToken(
  { db, ctx }: Pick<Deps, "db" | "ctx">,
  userId: string,
  input: { name: string; scopes: Scope[]; expiresInDays?: number },
) {
  const live = await countLiveTokens(db, { userId });
  if ((live?.n ?? 0) >= MAX_TOKENS_PER_USER)
    throw conflict(`You have ${MAX_TOKENS_PER_USER} tokens already; revoke one first.`);
  const now = Date.now();
  const secret = TOKEN_PREFIX + randomToken();
  const row: AccessTokenRow = {
    id: newId(now),
    userId,
    name: input.name,
    tokenHash: await sha256Hex(secret),
    hint: secret.slice(0, TOKEN_PREFIX.length + 4),
    scopes: JSON.stringify([...new Set(input.scopes)].sort()),
    expiresAt: input.expiresInDays ? now + input.expiresInDays * DAY_MS : null,
    createdAt: now,
    lastUsedAt: null,
    clients: "[]",
    windowStart: 0,
    windowCount: 0,
    revokedAt: null,
  };
  await db.batch([
    insertToken(db, row),
    auditEntry(db, ctx, {
      event: "token.created",
      actorId: userId,
      subjectId: userId,
      detail: { tokenId: row.id, scopes: JSON.parse(row.scopes), expiresAt: iso(row.expiresAt) },
    }),
  ]);
  return { ...toTokenView(row), token: secret };
}

export async function listTokens({ db }: Pick<Deps, "db">, userId: string) {
  return { items: (await listLiveTokens(db, { userId })).map(toTokenView) };
}

export async function renameMyToken({ db }: Pick<Deps, "db">, userId: string, id: string, name: string) {
  const row = await renameToken(db, { userId, id, name });
  if (!row) throw notFound("token");
  return toTokenView(row);
}

export async function revokeMyToken({ db, ctx }: Pick<Deps, "db" | "ctx">, userId: string, id: string) {
  if (!(await findLiveToken(db, { userId, id }))) throw notFound("token");
  await db.batch([
    revokeToken(db, { userId, id, now: Date.now() }),
    auditEntry(db, ctx, {
      event: "token.revoked",
      actorId: userId,
      subjectId: userId,
      detail: { tokenId: id },
    }),
  ]);
}
