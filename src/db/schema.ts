/**
 * The D1 schema, in drizzle. `npm run db:generate` turns changes into SQL migrations in migrations/.
 * Times are epoch milliseconds; ids are ULIDs (time-ordered text) unless a table says otherwise.
 */
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** Normalized: trimmed and lower-cased. */
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    displayName: text("display_name").notNull(),
    role: text("role", { enum: ["user", "admin"] })
      .notNull()
      .default("user"),
    isActive: integer("is_active", { mode: "boolean" }).notNull().default(true),
    /** Access tokens issued at or before this moment are refused (lib/revocation.ts); 0: none revoked. */
    tokensValidAfter: integer("tokens_valid_after").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const refreshTokens = sqliteTable(
  "refresh_tokens",
  {
    /** SHA-256 of the opaque token: the token itself is never stored. */
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** All tokens rotated from one login share a family; reuse of a spent one revokes the family. */
    familyId: text("family_id").notNull(),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull(),
    usedAt: integer("used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("refresh_tokens_family").on(t.familyId), index("refresh_tokens_user").on(t.userId)],
);

export const passwordResets = sqliteTable(
  "password_resets",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("password_resets_user").on(t.userId)],
);

/** Mail the local Mailer "sent": read by tests and by the local admin. */
export const outbox = sqliteTable("outbox", {
  id: text("id").primaryKey(),
  to: text("to").notNull(),
  subject: text("subject").notNull(),
  text: text("text").notNull(),
  createdAt: integer("created_at").notNull(),
});

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    at: integer("at").notNull(),
    event: text("event").notNull(),
    actorId: text("actor_id"),
    subjectId: text("subject_id"),
    requestId: text("request_id"),
    /** Keyed pseudonym of the client address, never the address. */
    client: text("client"),
    /** JSON; never passwords or tokens. */
    detail: text("detail"),
  },
  (t) => [index("audit_log_actor").on(t.actorId, t.at), index("audit_log_event").on(t.event, t.at)],
);

export const creations = sqliteTable(
  "creations",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** R2 key, made by the server; null when the creation has no image. */
    imageKey: text("image_key"),
    imageType: text("image_type"),
    imageWidth: integer("image_width"),
    imageHeight: integer("image_height"),
    imageBytes: integer("image_bytes"),
    /** Tag names as JSON, so reads need no join; creation_tags is the index for search. */
    tags: text("tags").notNull().default("[]"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    // The score summary, kept current on every score write so no read aggregates scores.
    scoreCount: integer("score_count").notNull().default(0),
    creativitySum: integer("creativity_sum").notNull().default(0),
    uniquenessSum: integer("uniqueness_sum").notNull().default(0),
    creativityAvg: real("creativity_avg").notNull().default(0),
    uniquenessAvg: real("uniqueness_avg").notNull().default(0),
    rank: real("rank").notNull().default(0),
  },
  (t) => [
    index("creations_owner").on(t.ownerId, t.id),
    index("creations_rank").on(t.rank, t.id),
    index("creations_creativity").on(t.creativityAvg, t.id),
    index("creations_uniqueness").on(t.uniquenessAvg, t.id),
  ],
);

export const tags = sqliteTable(
  "tags",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    /** How many creations carry the tag: the counts shown with suggestions. */
    usageCount: integer("usage_count").notNull().default(0),
  },
  (t) => [uniqueIndex("tags_name_unique").on(t.name)],
);

/**
 * Near spellings of tag names, on an index: each tag under its own name and under every name with one
 * character left out. Two names within one edit (a letter missing, extra, wrong or two swapped) share
 * an entry, so a typed tag finds its candidates with one IN lookup of its own ≤33 such forms.
 */
export const tagSpellings = sqliteTable(
  "tag_spellings",
  {
    spelling: text("spelling").notNull(),
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id),
  },
  (t) => [primaryKey({ columns: [t.spelling, t.tagId] })],
);

/**
 * The tag index. Each row copies its creation's sort keys so a tag search under any sort order is
 * one index range walk that stops at the page size, however many creations carry the tag.
 */
export const creationTags = sqliteTable(
  "creation_tags",
  {
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id),
    creationId: text("creation_id")
      .notNull()
      .references(() => creations.id, { onDelete: "cascade" }),
    rank: real("rank").notNull().default(0),
    creativityAvg: real("creativity_avg").notNull().default(0),
    uniquenessAvg: real("uniqueness_avg").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tagId, t.creationId] }),
    index("creation_tags_creation").on(t.creationId),
    index("creation_tags_rank").on(t.tagId, t.rank, t.creationId),
    index("creation_tags_creativity").on(t.tagId, t.creativityAvg, t.creationId),
    index("creation_tags_uniqueness").on(t.tagId, t.uniquenessAvg, t.creationId),
  ],
);

export const scores = sqliteTable(
  "scores",
  {
    creationId: text("creation_id")
      .notNull()
      .references(() => creations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    creativity: integer("creativity").notNull(),
    uniqueness: integer("uniqueness").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.creationId, t.userId] }), index("scores_user").on(t.userId)],
);

/** A user's UX project: the unit the guide's pipeline state and (later) artifacts belong to. */
export const projects = sqliteTable(
  "projects",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("projects_owner_updated").on(t.ownerId, t.updatedAt, t.id)],
);

/**
 * The listing index of conversations. Their messages and the pipeline state live in the owner's
 * Durable Object (features/chat/user-chat.ts); this table only answers "which conversations, newest first".
 */
export const conversations = sqliteTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    agent: text("agent", { enum: ["product", "design", "brand"] })
      .notNull()
      .default("product"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("conversations_project_updated").on(t.projectId, t.updatedAt, t.id),
    index("conversations_owner").on(t.ownerId),
  ],
);

/**
 * Artifacts: one per type per project; each change makes a new version. Bodies live in R2 (one object
 * per version), so D1 holds only what listings, search and history need.
 */
export const artifacts = sqliteTable(
  "artifacts",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    title: text("title").notNull(),
    /** 0 until the first version is written (its generation job is still running). */
    latestVersion: integer("latest_version").notNull().default(0),
    /** SHA-256 of the public share token; null when not shared. */
    shareTokenHash: text("share_token_hash"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("artifacts_owner_updated").on(t.ownerId, t.updatedAt, t.id),
    uniqueIndex("artifacts_project_type").on(t.projectId, t.type),
    uniqueIndex("artifacts_share").on(t.shareTokenHash),
  ],
);

export const artifactVersions = sqliteTable(
  "artifact_versions",
  {
    artifactId: text("artifact_id")
      .notNull()
      .references(() => artifacts.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    r2Key: text("r2_key").notNull(),
    bytes: integer("bytes").notNull(),
    source: text("source", { enum: ["generated", "edit", "revert", "regenerate"] }).notNull(),
    /** The job that wrote it: unique, so a redelivered job message cannot add a second version. */
    jobId: text("job_id"),
    note: text("note"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.artifactId, t.version] }),
    uniqueIndex("artifact_versions_job").on(t.jobId),
  ],
);

/** Background jobs (artifact generation, research). Status is polled here; work runs on a Queue. */
export const jobs = sqliteTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: text("project_id").references(() => projects.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["artifact", "research", "export"] }).notNull(),
    status: text("status", { enum: ["queued", "running", "succeeded", "failed"] }).notNull(),
    /** 0–100. */
    progress: integer("progress").notNull().default(0),
    /** The last failure's reason, readable by the user (no stack traces). */
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    /** JSON: what to do. */
    input: text("input").notNull(),
    /** JSON: what came of it. */
    result: text("result"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("jobs_owner_created").on(t.ownerId, t.createdAt)],
);

/**
 * Research: one row per search a user asked for in a project, keyed by the job that runs it (so the
 * job's status is the search's status). The rows also meter the per-user search limits.
 */
export const researchSearches = sqliteTable(
  "research_searches",
  {
    jobId: text("job_id")
      .primaryKey()
      .references(() => jobs.id, { onDelete: "cascade" }),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    /** As the user typed it (trimmed); `normalized` is what was searched and what the cache is keyed by. */
    query: text("query").notNull(),
    normalized: text("normalized").notNull(),
    count: integer("count").notNull(),
    pageOffset: integer("page_offset").notNull(),
    /** Which provider answered ("local", "brave", …); null until the job has run. */
    provider: text("provider"),
    /** Served from the KV cache rather than asked of the provider. */
    cached: integer("cached", { mode: "boolean" }).notNull().default(false),
    resultCount: integer("result_count").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    completedAt: integer("completed_at"),
  },
  (t) => [
    index("research_searches_project").on(t.ownerId, t.projectId, t.createdAt, t.jobId),
    index("research_searches_owner_created").on(t.ownerId, t.createdAt),
  ],
);

/** A search's results, sanitized, in rank order. */
export const researchResults = sqliteTable(
  "research_results",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => researchSearches.jobId, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    url: text("url").notNull(),
    snippet: text("snippet").notNull(),
    source: text("source").notNull(),
    fetchedAt: integer("fetched_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.position] })],
);

/**
 * What each user agreed to, per purpose (features/privacy/purposes.ts). A purpose's text has a
 * version; an answer to an older version no longer counts, so changed terms are asked again.
 * The history of changes is in the audit log (consent.changed).
 */
export const consents = sqliteTable(
  "consents",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose").notNull(),
    /** The version of the purpose's text that was answered. */
    version: integer("version").notNull(),
    granted: integer("granted", { mode: "boolean" }).notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.purpose] })],
);

/**
 * Personal access tokens (features/tokens): long-lived bearer secrets a user makes for API clients
 * and AI assistants. Only the SHA-256 of the secret is kept. The row also holds the token's own rate
 * window (`window_start`, `window_count`), counted by the one UPDATE that verifies the token, so a
 * request costs one D1 statement for "is it live, may it, and count it".
 */
export const accessTokens = sqliteTable(
  "access_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The first characters of the secret (`uxp_Ab12`), so the owner can tell tokens apart. */
    hint: text("hint").notNull(),
    /** JSON array of scope names (src/lib/scopes.ts). */
    scopes: text("scopes").notNull(),
    expiresAt: integer("expires_at"),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
    /** JSON array of the keyed client pseudonyms seen lately (a new one is audited). */
    clients: text("clients").notNull().default("[]"),
    windowStart: integer("window_start").notNull().default(0),
    windowCount: integer("window_count").notNull().default(0),
    revokedAt: integer("revoked_at"),
  },
  (t) => [uniqueIndex("access_tokens_hash").on(t.tokenHash), index("access_tokens_user").on(t.userId, t.id)],
);

/**
 * Exact rate-limit counters (lib/rate-limit.ts): one row per quota, subject and fixed window, counted
 * by an atomic upsert. The subject is a keyed pseudonym, never an email or address. The key starts
 * with the subject so erasure finds a person's counters on the primary key.
 */
export const rateCounters = sqliteTable(
  "rate_counters",
  {
    subject: text("subject").notNull(),
    quota: text("quota").notNull(),
    /** The window's number: floor(epoch seconds / window length). */
    window: integer("window").notNull(),
    count: integer("count").notNull(),
    /** When the window ends; the daily retention run deletes rows past it. */
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.subject, t.quota, t.window] }),
    index("rate_counters_expiry").on(t.expiresAt),
  ],
);

/**
 * One generation number per family of cached entries (lib/cache.ts): a change bumps its family's
 * row in the same batch as the change itself, and every cache key of the family carries the number.
 * No KV key is written per change (KV takes one write a second per key), and the cache can never
 * be told about a change that did not commit, nor miss one that did.
 */
export const cacheGenerations = sqliteTable("cache_generations", {
  family: text("family").primaryKey(),
  generation: integer("generation").notNull(),
});
