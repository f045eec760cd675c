/**
 * Keyed pseudonyms for identifiers we must count or correlate but should not keep: client addresses
 * and emails in rate-limit keys, client addresses in the audit log. HMAC-SHA256 under a key derived
 * from JWT_SECRET, so the table of all IPv4 addresses cannot be hashed to reverse them.
 */
const keys = new Map<string, Promise<CryptoKey>>();

function key(secret: string): Promise<CryptoKey> {
  let k = keys.get(secret);
  if (!k) {
    k = crypto.subtle.importKey("raw", new TextEncoder().encode(`pseudonym:${secret}`), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keys.set(secret, k);
  }
  return k;
}

export async function pseudonym(env: Pick<Env, "JWT_SECRET">, value: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await key(env.JWT_SECRET ?? "no-secret-configured"), new TextEncoder().encode(value)));
  // 96 bits: collisions are irrelevant at rate-limit scale, and shorter keys are cheaper in KV.
  return Array.from(mac.subarray(0, 12), (b) => b.toString(16).padStart(2, "0")).join("");
}
