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

/*
 * Streams: R2 objects too large to hold in memory at once (account exports) are sealed in segments
 * of SEGMENT_BYTES, `UXS1 <kid length> <kid>` then, per segment, `<last: 0|1> <ciphertext length:
 * u32> <iv> <ciphertext>`. Each segment's associated data is the context, its index and whether it is
 * the last, so segments cannot be reordered, dropped, or the stream cut short without opening failing.
 */
const STREAM_MAGIC = [0x55, 0x58, 0x53, 0x31]; // "UXS1"
/** Plaintext per sealed segment: memory stays at about one segment whatever the object's size. */
export const SEGMENT_BYTES = 1024 * 1024;
const SEGMENT_HEAD = 1 + 4 + IV_BYTES;

const segmentData = (context: string, index: number, last: boolean) =>
  new TextEncoder().encode(`${context}#${index}${last ? "#last" : ""}`);

/**
 * Chunks queued for a stream, taken out by byte count. What lies within one chunk comes out as a view
 * of it, not a copy: an export's 5 MiB image is sealed segment by segment straight from its bytes, and
 * a copy per segment was garbage V8 collects late (bench:heavy, account export).
 */
class Pending {
  private chunks: Uint8Array[] = [];
  bytes = 0;
  push(chunk: Uint8Array) {
    this.chunks.push(chunk);
    this.bytes += chunk.byteLength;
  }
  take(n: number): Uint8Array {
    const first = this.chunks[0];
    let out: Uint8Array;
    if (first && first.byteLength >= n) {
      out = first.subarray(0, n);
      if (n === first.byteLength) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      out = new Uint8Array(n);
      let at = 0;
      while (at < n) {
        const head = this.chunks[0]!;
        const used = Math.min(head.byteLength, n - at);
        out.set(head.subarray(0, used), at);
        at += used;
        if (used === head.byteLength) this.chunks.shift();
        else this.chunks[0] = head.subarray(used);
      }
    }
    this.bytes -= n;
    return out;
  }
  /** The first n bytes, left in place. */
  peek(n: number): Uint8Array {
    const out = this.take(n);
    this.chunks.unshift(out);
    this.bytes += n;
    return out;
  }
}

/** Seals a stream for R2 under the current key, one segment at a time; the key id comes back too. */
export async function sealStream(
  env: Env,
  context: string,
): Promise<{ keyId: string; stream: TransformStream<Uint8Array, Uint8Array> }> {
  const ring = await keyring(env);
  const keyId = ring.current;
  const key = ring.keys.get(keyId)!;
  const pending = new Pending();
  let index = 0;
  const seal = async (
    plain: Uint8Array,
    last: boolean,
    out: TransformStreamDefaultController<Uint8Array>,
  ) => {
    const iv = randomBytes(IV_BYTES);
    const additionalData = segmentData(context, index++, last);
    const ciphertext = new Uint8Array(
      await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData }, key, plain),
    );
    const head = new Uint8Array(SEGMENT_HEAD);
    head[0] = last ? 1 : 0;
    new DataView(head.buffer).setUint32(1, ciphertext.byteLength);
    head.set(iv, 5);
    out.enqueue(head);
    out.enqueue(ciphertext);
  };
  const id = new TextEncoder().encode(keyId);
  return {
    keyId,
    stream: new TransformStream({
      start(out) {
        out.enqueue(new Uint8Array([...STREAM_MAGIC, id.byteLength, ...id]));
      },
      async transform(chunk, out) {
        pending.push(chunk);
        // A full segment is sealed only once more follows: the last one is marked as such.
        while (pending.bytes > SEGMENT_BYTES) await seal(pending.take(SEGMENT_BYTES), false, out);
      },
      async flush(out) {
        await seal(pending.take(pending.bytes), true, out);
      },
    }),
  };
}

/** Opens what sealStream sealed under `context`, one segment at a time. */
export function openStream(env: Env, context: string): TransformStream<Uint8Array, Uint8Array> {
  const pending = new Pending();
  let key: CryptoKey | undefined;
  let index = 0;
  let ended = false;
  return new TransformStream({
    async transform(chunk, out) {
      pending.push(chunk);
      if (!key) {
        if (pending.bytes < STREAM_MAGIC.length + 1) return;
        const head = pending.take(STREAM_MAGIC.length + 1);
        if (!STREAM_MAGIC.every((b, i) => head[i] === b) || head[4] === 0) throw notSealed();
        const keyId = new TextDecoder().decode(pending.take(head[4]!));
        key = (await keyring(env)).keys.get(keyId);
        if (!key)
          throw new Error(`A stored value is sealed under key ${keyId}, which DATA_KEYS no longer lists.`);
      }
      while (pending.bytes >= SEGMENT_HEAD) {
        if (ended) throw notSealed();
        const head = pending.peek(SEGMENT_HEAD);
        // A view may start anywhere in its buffer.
        const length = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(1);
        // Not all of the segment here yet: wait for more.
        if (pending.bytes < SEGMENT_HEAD + length) return;
        const peek = pending.take(SEGMENT_HEAD);
        const last = peek[0] === 1;
        const additionalData = segmentData(context, index++, last);
        const plain = await crypto.subtle.decrypt(
          { name: "AES-GCM", iv: peek.subarray(5), additionalData },
          key,
          pending.take(length),
        );
        // An empty chunk would stall a Response body reading the stream in workerd.
        if (plain.byteLength > 0) out.enqueue(new Uint8Array(plain));
        ended = last;
      }
    },
    flush() {
      if (!ended || pending.bytes > 0) throw notSealed();
    },
  });
}

/** Whether stored bytes begin like a sealed stream (sealStream) rather than a whole envelope. */
export const isSealedStream = (head: Uint8Array) => STREAM_MAGIC.every((b, i) => head[i] === b);
