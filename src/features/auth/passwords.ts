/**
 * Password hashing: PBKDF2-SHA256 through WebCrypto.
 *
 * 100,000 iterations is the most workerd allows in production (it rejects more), so that is the cost.
 * The stored form names scheme and iterations (`pbkdf2-sha256$100000$salt$hash`) so the cost can be
 * raised later and old hashes still verify.
 */
import { base64url, fromBase64url, randomBytes, timingSafeEqual } from "../../lib/crypto";

const SCHEME = "pbkdf2-sha256";
export const PBKDF2_ITERATIONS = 100_000;
const KEY_BITS = 256;

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    key,
    KEY_BITS,
  );
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, PBKDF2_ITERATIONS);
  return `${SCHEME}$${PBKDF2_ITERATIONS}$${base64url(salt)}$${base64url(hash)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, hash] = stored.split("$");
  if (scheme !== SCHEME || !iterations || !salt || !hash) return false;
  const actual = await derive(password, fromBase64url(salt), Number(iterations));
  return timingSafeEqual(actual, fromBase64url(hash));
}

/**
 * A hash of no one's password. Logins for unknown emails verify against it so they take as long as
 * real ones, and response time does not reveal which emails have accounts.
 */
let decoy: Promise<string> | undefined;
export const decoyHash = () => (decoy ??= hashPassword(base64url(randomBytes(16))));
