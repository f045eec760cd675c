/**
 * Encryption at rest for user content (message bodies, artifact bodies, exports): AES-256-GCM through
 * WebCrypto, under keys from the DATA_KEYS secret.
 *
 * DATA_KEYS lists versioned keys, newest first: `k2:<base64 of 32 bytes>,k1:<base64 of 32 bytes>`.
 * New values are sealed under the first key; every listed key still opens what it sealed. Rotating is
 * therefore: put a new key first, run the rotation command (which re-seals everything under it), and
 * only then drop the old key.
 *
 * Every sealed value names its key id, and its associated data binds it to where it is stored (an R2
 * key, a conversation), so a ciphertext copied to another place does not open. Two envelopes carry
 * the same parts: text `e1.<kid>.<base64url(iv ‖ ciphertext)>` for SQLite and KV, and bytes
 * `UXE1 <kid length> <kid> <iv> <ciphertext>` for R2. There is no plaintext fallback: a value that is
 * not a valid envelope is refused, so a swapped or stripped object cannot pass for user content.
 */
import { base64url, fromBase64url, randomBytes } from "./crypto";
import { Problem } from "./problem";

const KEY_ID = /^[A-Za-z0-9]{1,16}$/;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TEXT_PREFIX = "e1.";
const MAGIC = [0x55, 0x58, 0x45, 0x31]; // "UXE1"

export interface Keyring {
  /** The id new values are sealed under. */
  current: string;
  keys: Map<string, CryptoKey>;
}

/**
 * Where the keys come from. An object rather than a plain read so tests in workerd can hand the
 * Durable Object (same isolate) a rotated keyring with vi.spyOn, as chatRuntime does for models.
 */
export const keySource = {
  read: (env: Env): string | undefined => env.DATA_KEYS,
};

const misconfigured = (why: string) => new Problem(503, `Storage encryption is unavailable: ${why}`);

async function parseKeys(source: string): Promise<Keyring> {
  const keys = new Map<string, CryptoKey>();
  let current: string | undefined;
  for (const entry of source
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [id, encoded, ...rest] = entry.split(":");
    if (!id || !KEY_ID.test(id) || !encoded || rest.length)
      throw misconfigured("DATA_KEYS must be `id:base64key` entries separated by commas.");
    if (keys.has(id)) throw misconfigured(`DATA_KEYS names key ${id} twice.`);
    let raw: Uint8Array;
    try {
      raw = fromBase64url(encoded);
    } catch {
      throw misconfigured(`DATA_KEYS key ${id} is not base64.`);
    }
    if (raw.byteLength !== KEY_BYTES) throw misconfigured(`DATA_KEYS key ${id} must be ${KEY_BYTES} bytes.`);
    keys.set(id, await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]));
    current ??= id;
  }
  if (!current) throw misconfigured("the server has no DATA_KEYS.");
  return { current, keys };
}

const rings = new Map<string, Promise<Keyring>>();

/** The keyring, imported once per isolate and per DATA_KEYS value. Throws 503 when it is missing or malformed. */
export function keyring(env: Env): Promise<Keyring> {
  const source = keySource.read(env);
  if (!source) return Promise.reject(misconfigured("the server has no DATA_KEYS."));
  let ring = rings.get(source);
  if (!ring) {
    ring = parseKeys(source);
    rings.set(source, ring);
    ring.catch(() => rings.delete(source));
  }
  return ring;
}

interface Parts {
  keyId: string;
  iv: Uint8Array;
  ciphertext: Uint8Array;
}

async function encrypt(env: Env, plain: Uint8Array, context: string): Promise<Parts> {
  const ring = await keyring(env);
  const iv = randomBytes(IV_BYTES);
  const additionalData = new TextEncoder().encode(context);
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData }, ring.keys.get(ring.current)!, plain),
  );
  return { keyId: ring.current, iv, ciphertext };
}

async function decrypt(env: Env, parts: Parts, context: string): Promise<Uint8Array> {
  const key = (await keyring(env)).keys.get(parts.keyId);
  // Loud: a missing key means a rotation was cut short, and the value is unreadable until it is restored.
  if (!key)
    throw new Error(`A stored value is sealed under key ${parts.keyId}, which DATA_KEYS no longer lists.`);
  const additionalData = new TextEncoder().encode(context);
  return new Uint8Array(
    await crypto.subtle.decrypt({ name: "AES-GCM", iv: parts.iv, additionalData }, key, parts.ciphertext),
  );
}

const notSealed = () => new Error("A stored value is not a sealed envelope.");

function textParts(stored: string): Parts {
  const [prefix, keyId, payload, ...rest] = stored.split(".");
  if (`${prefix}.` !== TEXT_PREFIX || !keyId || !payload || rest.length) throw notSealed();
  const bytes = fromBase64url(payload);
  return { keyId, iv: bytes.subarray(0, IV_BYTES), ciphertext: bytes.subarray(IV_BYTES) };
}

function byteParts(stored: Uint8Array): Parts {
  const idLength = stored[MAGIC.length] ?? 0;
  if (!MAGIC.every((b, i) => stored[i] === b) || idLength === 0) throw notSealed();
  const idEnd = MAGIC.length + 1 + idLength;
  return {
    keyId: new TextDecoder().decode(stored.subarray(MAGIC.length + 1, idEnd)),
    iv: stored.subarray(idEnd, idEnd + IV_BYTES),
    ciphertext: stored.subarray(idEnd + IV_BYTES),
  };
}

/** Seals text for SQLite or KV. `context` names where it will be stored; opening needs the same. */
export async function sealText(env: Env, text: string, context: string): Promise<string> {
  const { keyId, iv, ciphertext } = await encrypt(env, new TextEncoder().encode(text), context);
  const payload = new Uint8Array(iv.byteLength + ciphertext.byteLength);
  payload.set(iv);
  payload.set(ciphertext, iv.byteLength);
  return `${TEXT_PREFIX}${keyId}.${base64url(payload)}`;
}

export async function openText(env: Env, stored: string, context: string): Promise<string> {
  return new TextDecoder().decode(await decrypt(env, textParts(stored), context));
}

/** Seals bytes for R2; the key id comes back too, for the object's metadata. */
export async function sealBytes(
  env: Env,
  plain: Uint8Array,
  context: string,
): Promise<{ bytes: Uint8Array; keyId: string }> {
  const { keyId, iv, ciphertext } = await encrypt(env, plain, context);
  const id = new TextEncoder().encode(keyId);
  const out = new Uint8Array(MAGIC.length + 1 + id.byteLength + iv.byteLength + ciphertext.byteLength);
  out.set(MAGIC);
  out[MAGIC.length] = id.byteLength;
  out.set(id, MAGIC.length + 1);
  out.set(iv, MAGIC.length + 1 + id.byteLength);
  out.set(ciphertext, MAGIC.length + 1 + id.byteLength + iv.byteLength);
  return { bytes: out, keyId };
}

export async function openBytes(env: Env, stored: Uint8Array, context: string): Promise<Uint8Array> {
  return decrypt(env, byteParts(stored), context);
}

/** The key id a sealed value names, without opening it (the rotation command skips current ones). */
export function sealedKeyId(stored: string | Uint8Array): string {
  return (typeof stored === "string" ? textParts(stored) : byteParts(stored)).keyId;
}

/** How text sealed under `keyId` begins: the rotation command finds stale rows by this prefix. */
export const textPrefix = (keyId: string) => `${TEXT_PREFIX}${keyId}.`;

/** Opens and seals again under the current key (key rotation). */
export const resealText = async (env: Env, stored: string, context: string) =>
  sealText(env, await openText(env, stored, context), context);

export const resealBytes = async (env: Env, stored: Uint8Array, context: string) =>
  sealBytes(env, await openBytes(env, stored, context), context);
