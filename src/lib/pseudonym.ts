/**
 * Keyed pseudonyms for identifiers we must count or correlate but should not keep: client addresses
 * and emails in rate-limit keys, client addresses in the audit log. HMAC-SHA256 under the pseudonym
 * key derived from JWT_SECRET (keys.ts), so the table of all IPv4 addresses cannot be hashed to
 * reverse them, and a pseudonym a user gets to see proves nothing anywhere else.
 */
import { mac } from "./keys";

/**
 * Every request's client address is pseudonymized (for the audit log), and one client's requests
 * come in runs: the isolate keeps the latest answers so a run pays for one HMAC, not one each (the
 * benchmark's profile put the HMAC at ~6% of an uncached by-id read). Bounded, oldest first out,
 * and keyed by the secret too, so a rotated secret never answers with an old pseudonym.
 */
const recentAddresses = new Map<string, string>();
const RECENT_ADDRESSES = 256;

export async function addressPseudonym(env: Pick<Env, "JWT_SECRET">, address: string): Promise<string> {
  const memoKey = `${env.JWT_SECRET ?? ""}\u0000${address}`;
  const known = recentAddresses.get(memoKey);
  if (known !== undefined) return known;
  const value = await pseudonym(env, address);
  if (recentAddresses.size >= RECENT_ADDRESSES) recentAddresses.delete(recentAddresses.keys().next().value!);
  recentAddresses.set(memoKey, value);
  return value;
}

export async function pseudonym(env: Pick<Env, "JWT_SECRET">, value: string): Promise<string> {
  const full = await mac(env.JWT_SECRET ? env : { JWT_SECRET: "no-secret-configured" }, "pseudonym", value);
  // 96 bits: an identifier, not a proof; collisions are irrelevant at rate-limit scale.
  return Array.from(full.subarray(0, 12), (b) => b.toString(16).padStart(2, "0")).join("");
}
