/**
 * Writes a dataset into the Worker's local D1 through Miniflare's D1 binding: the schema from
 * migrations/*.sql, then multi-row INSERTs with literal values (no bound parameters, so no per-
 * statement parameter cap), many statements per batch round trip. 100,000 creations take seconds.
 * Then checks the denormalized columns against the rows they summarize, and puts a few images in R2.
 */
import { readdirSync, readFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { join } from "node:path";
import { ROOT } from "./paths.mjs";
import { appModules } from "./app-modules.mjs";

const MAX_STATEMENT_BYTES = 90_000; // below D1's 100 KB statement limit
const STATEMENTS_PER_BATCH = 50;

const lit = (v) =>
  v === null || v === undefined
    ? "NULL"
    : typeof v === "number"
      ? String(v)
      : `'${String(v).replaceAll("'", "''")}'`;

/** The migrations, split the way drizzle-kit writes them. */
export function migrationStatements() {
  const dir = join(ROOT, "migrations");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), "utf8").split("--> statement-breakpoint"))
    .map((s) => s.trim())
    .filter(Boolean);
}

function* insertStatements(table, columns, rows, values) {
  const head = `INSERT INTO ${table} (${columns.join(", ")}) VALUES `;
  let parts = [];
  let bytes = head.length;
  for (const row of rows) {
    const tuple = `(${values(row).map(lit).join(",")})`;
    if (parts.length && bytes + tuple.length + 1 > MAX_STATEMENT_BYTES) {
      yield head + parts.join(",");
      parts = [];
      bytes = head.length;
    }
    parts.push(tuple);
    bytes += tuple.length + 1;
  }
  if (parts.length) yield head + parts.join(",");
}

export async function runAll(db, statements) {
  let batch = [];
  for (const sql of statements) {
    batch.push(db.prepare(sql));
    if (batch.length === STATEMENTS_PER_BATCH) {
      await db.batch(batch);
      batch = [];
    }
  }
  if (batch.length) await db.batch(batch);
}

/** Inserts rows into a table, as many per statement and statements per batch as D1 takes. */
export const insertRows = (db, table, columns, rows, values) =>
  runAll(db, insertStatements(table, columns, rows, values));

export async function seedDatabase(db, data) {
  await runAll(db, migrationStatements());
  const { users, tags, creations, creationTags, scores } = data;
  await insertRows(
    db,
    "users",
    ["id", "email", "password_hash", "display_name", "role", "is_active", "created_at", "updated_at"],
    users,
    (u) => [u.id, u.email, u.passwordHash, u.displayName, "user", 1, u.createdAt, u.createdAt],
  );
  await insertRows(db, "tags", ["id", "name", "usage_count"], tags, (t) => [t.id, t.name, t.usageCount]);
  await insertRows(
    db,
    "creations",
    [
      "id",
      "owner_id",
      "title",
      "description",
      "tags",
      "created_at",
      "updated_at",
      "score_count",
      "creativity_sum",
      "uniqueness_sum",
      "creativity_avg",
      "uniqueness_avg",
      "rank",
    ],
    creations,
    (c) => [
      c.id,
      c.ownerId,
      c.title,
      c.description,
      c.tags,
      c.createdAt,
      c.createdAt,
      c.scoreCount,
      c.creativitySum,
      c.uniquenessSum,
      c.creativityAvg,
      c.uniquenessAvg,
      c.rank,
    ],
  );
  await insertRows(
    db,
    "creation_tags",
    ["tag_id", "creation_id", "rank", "creativity_avg", "uniqueness_avg"],
    creationTags,
    (t) => [t.tagId, t.creationId, t.rank, t.creativityAvg, t.uniquenessAvg],
  );
  await insertRows(
    db,
    "scores",
    ["creation_id", "user_id", "creativity", "uniqueness", "created_at", "updated_at"],
    scores,
    (s) => [s.creationId, s.userId, s.creativity, s.uniqueness, s.at, s.at],
  );
  await db.exec("ANALYZE");
}

/** Each query counts rows that break an invariant the app maintains; all must be 0. */
const CHECKS = {
  usageCount: `SELECT count(*) AS n FROM tags WHERE usage_count <> (SELECT count(*) FROM creation_tags WHERE tag_id = tags.id)`,
  scoreSummary: `SELECT count(*) AS n FROM creations c LEFT JOIN (SELECT creation_id, count(*) k, sum(creativity) cs, sum(uniqueness) us FROM scores GROUP BY creation_id) s ON s.creation_id = c.id
    WHERE c.score_count <> coalesce(s.k, 0) OR c.creativity_sum <> coalesce(s.cs, 0) OR c.uniqueness_sum <> coalesce(s.us, 0)`,
  tagSortKeys: `SELECT count(*) AS n FROM creation_tags t JOIN creations c ON c.id = t.creation_id
    WHERE t.rank <> c.rank OR t.creativity_avg <> c.creativity_avg OR t.uniqueness_avg <> c.uniqueness_avg`,
  selfScores: `SELECT count(*) AS n FROM scores s JOIN creations c ON c.id = s.creation_id WHERE s.user_id = c.owner_id`,
};

export async function checkDatabase(db, expected) {
  const failures = [];
  for (const [name, sql] of Object.entries(CHECKS)) {
    const n = (await db.prepare(sql).first("n")) ?? -1;
    if (n !== 0) failures.push(`${name}: ${n}`);
  }
  const count = await db.prepare("SELECT count(*) AS n FROM creations").first("n");
  if (count !== expected) failures.push(`creations: ${count}, expected ${expected}`);
  if (failures.length) throw new Error(`seeded data is inconsistent: ${failures.join("; ")}`);
}

/** A real PNG (noise, so it does not compress away): a realistic ~200 KB gallery image. */
export function noisePng(side, random) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, "ascii");
    data.copy(out, 8);
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const raw = Buffer.alloc(side * (1 + side * 3));
  for (let i = 0; i < raw.length; i++) raw[i] = i % (1 + side * 3) === 0 ? 0 : Math.floor(random() * 256);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Gives the `count` newest creations an image in R2 and the matching columns in D1. */
export async function seedImages(db, bucket, creations, count) {
  const { imageKey } = await appModules();
  let s = 1;
  const random = () => (s = (s * 16807) % 2147483647) / 2147483647;
  // A plain Uint8Array: Miniflare's Node-to-workerd proxy does not take Node Buffers.
  const png = new Uint8Array(noisePng(256, random));
  const chosen = creations.slice(-count);
  for (const c of chosen) {
    const key = imageKey(c.id);
    await bucket.put(key, png, {
      httpMetadata: { contentType: "image/png" },
      customMetadata: { ownerId: c.ownerId },
    });
  }
  await db.batch(
    chosen.map((c) =>
      db
        .prepare(
          "UPDATE creations SET image_key = ?, image_type = 'image/png', image_width = 256, image_height = 256, image_bytes = ? WHERE id = ?",
        )
        .bind(imageKey(c.id), png.length, c.id),
    ),
  );
  return { ids: chosen.map((c) => c.id), bytes: png.length };
}
