/**
 * Writes a stream of unknown length to R2 without holding it: a multipart upload whose parts are
 * sent as they fill. R2's binding takes a plain stream only when its length is known up front, and
 * a generated archive's is not; every part but the last must be at least 5 MiB.
 */

/**
 * Bytes per uploaded part: R2's minimum, since it is what the upload holds in memory; R2 wants every
 * part but the last to be the same size, so each is cut to exactly this.
 */
export const PART_BYTES = 5 * 1024 * 1024;

/** Uploads `body` to `key`; returns the bytes stored. A failure aborts the upload (nothing is left). */
export async function putStream(
  bucket: R2Bucket,
  key: string,
  body: ReadableStream<Uint8Array>,
  options: R2MultipartOptions = {},
): Promise<number> {
  const upload = await bucket.createMultipartUpload(key, options);
  const uploaded: R2UploadedPart[] = [];
  const part = new Uint8Array(PART_BYTES);
  let filled = 0;
  let total = 0;
  const send = async (bytes: Uint8Array) => {
    uploaded.push(await upload.uploadPart(uploaded.length + 1, bytes));
  };
  try {
    for await (const chunk of body) {
      total += chunk.byteLength;
      let at = 0;
      while (at < chunk.byteLength) {
        const n = Math.min(PART_BYTES - filled, chunk.byteLength - at);
        part.set(chunk.subarray(at, at + n), filled);
        filled += n;
        at += n;
        if (filled === PART_BYTES) {
          // The binding has read the part once uploadPart resolves, so the next one reuses the buffer:
          // a fresh 5 MiB per part was garbage V8 collected late (bench:heavy, account export).
          await send(part);
          filled = 0;
        }
      }
    }
    if (filled > 0 || uploaded.length === 0) await send(part.subarray(0, filled));
    await upload.complete(uploaded);
  } catch (e) {
    await upload.abort().catch(() => {});
    throw e;
  }
  return total;
}
