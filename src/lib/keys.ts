/**
 * One key per purpose, all derived from the one JWT_SECRET with HKDF-SHA256 (RFC 5869) and a label
 * per purpose as its `info`. A MAC made for one purpose is therefore worthless for any other: a user
 * who sees the audit pseudonym of an address they chose cannot turn it into an export-link signature,
 * a CSRF token or an access token. Every key is a full 256-bit HMAC-SHA256 key; whoever truncates a
 * MAC says why where it is done (only pseudonyms, which are identifiers, not proofs).
 *
 * Changing a label rotates that purpose's key alone. The labels are part of the security design:
 * docs/PRIVACY.md lists them.
 */
import { Problem } from "./problem";

export const KEY_LABELS = {
  /** HS256 signatures of access tokens (lib/tokens.ts). */
  accessToken: "uxprt/v1/access-token",
  /** CSRF tokens of page sessions (csrf.ts). */
  csrf: "uxprt/v1/csrf",
  /** Keyed pseudonyms of client addresses, emails and ids (pseudonym.ts). */
  pseudonym: "uxprt/v1/pseudonym",
  /** Signatures of account-export download links (features/privacy/export.ts). */
  exportLink: "uxprt/v1/export-link",
} as const;

export type KeyPurpose = keyof typeof KEY_LABELS;

/** A fixed, public salt: HKDF's extract step still spreads a low-entropy secret over the whole key. */
const SALT = new TextEncoder().encode("uxprt hkdf salt v1");

const keys = new Map<string, Promise<CryptoKey>>();

async function derive(secret: string, purpose: KeyPurpose): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), "HKDF", false, [
    "deriveKey",
  ]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: SALT, info: new TextEncoder().encode(KEY_LABELS[purpose]) },
    material,
    { name: "HMAC", hash: "SHA-256", length: 256 },
    false,
    ["sign", "verify"],
  );
}

/** The HMAC key of `purpose`, derived once per isolate and secret. 503 when there is no secret. */
export function purposeKey(env: Pick<Env, "JWT_SECRET">, purpose: KeyPurpose): Promise<CryptoKey> {
  const secret = env.JWT_SECRET;
  if (!secret) return Promise.reject(new Problem(503, "The server has no JWT_SECRET."));
  const id = `${purpose}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = derive(secret, purpose);
    keys.set(id, key);
  }
  return key;
}

/** The full 32-byte HMAC-SHA256 of `data` under the key of `purpose`. */
export async function mac(
  env: Pick<Env, "JWT_SECRET">,
  purpose: KeyPurpose,
  data: string,
): Promise<Uint8Array> {
  const key = await purposeKey(env, purpose);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(data)));
}

/** Whether `tag` is the HMAC of `data` under `purpose` (WebCrypto's verify compares in constant time). */
export async function verifyMac(
  env: Pick<Env, "JWT_SECRET">,
  purpose: KeyPurpose,
  data: string,
  tag: Uint8Array,
): Promise<boolean> {
  const key = await purposeKey(env, purpose);
  return crypto.subtle.verify("HMAC", key, tag, new TextEncoder().encode(data));
}
