/**
 * Consent: what each user agreed to, per purpose, and the checks that features call before user
 * content leaves for an outside provider.
 *
 * Purposes are versioned: when a purpose's text changes its version goes up, earlier answers stop
 * counting, and the feature asks again (403) until the new text is answered. Every answer is audited
 * (consent.changed), which keeps the history the consents table does not.
 */
import { and, eq } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { consents } from "../db/schema";
import type { AppEnv } from "./app-env";
import { auditEntry } from "./audit";
import { currentUser } from "./auth";
import { database, type Database } from "./db";
import { jsonFile, type PersonalData } from "./personal-data";
import { conflict, Problem } from "./problem";

export const PURPOSES = {
  terms: {
    version: 1,
    title: "Terms of service",
    description: "The terms under which uXPRT provides the workspace.",
  },
  "external-model": {
    version: 1,
    title: "Send my content to an outside language model",
    description:
      "When the workspace uses an outside language model, your chat messages, your projects' facts and draft artifacts are sent to that provider to word replies and write artifacts. Without it, only the built-in guide runs.",
  },
  "external-search": {
    version: 1,
    title: "Web research through an outside search provider",
    description:
      "Research queries built from your projects are sent to an outside web-search provider, and its results are stored with your project.",
  },
  analytics: {
    version: 1,
    title: "Product analytics",
    description:
      "Pseudonymous usage events (which features are used, not what you write) that help improve uXPRT.",
  },
} as const;

export type Purpose = keyof typeof PURPOSES;
export const PURPOSE_NAMES = Object.keys(PURPOSES) as [Purpose, ...Purpose[]];

/** The 403 a feature answers without consent; its problem type names the purpose. */
export const consentRequired = (purpose: Purpose) =>
  new Problem(
    403,
    `This needs your consent to "${PURPOSES[purpose].title}" (purpose ${purpose}, version ${PURPOSES[purpose].version}). Give it with PUT /api/v1/users/me/consents.`,
    { code: `consent-required/${purpose}` },
  );

/** Whether the user has agreed to the current version of the purpose. */
export async function hasConsent(env: Env, userId: string, purpose: Purpose): Promise<boolean> {
  const row = await database(env)
    .select({ version: consents.version, granted: consents.granted })
    .from(consents)
    .where(and(eq(consents.userId, userId), eq(consents.purpose, purpose)))
    .get();
  return !!row?.granted && row.version === PURPOSES[purpose].version;
}

/**
 * Throws the consent problem (403, type …/consent-required/<purpose>) unless the user agreed to the
 * current version. For features outside a route's middleware, e.g. research:
 * `await assertConsent(env, userId, "external-search")`.
 */
export async function assertConsent(env: Env, userId: string, purpose: Purpose): Promise<void> {
  if (!(await hasConsent(env, userId, purpose))) throw consentRequired(purpose);
}

/**
 * Route middleware, after requireUser. `when` limits the check to configurations that really send
 * content out, e.g. only while an outside model is configured.
 */
export const requireConsent = (purpose: Purpose, options: { when?: (env: Env) => boolean } = {}) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!options.when || options.when(c.env)) await assertConsent(c.env, currentUser(c).id, purpose);
    await next();
  });

export async function listConsents(db: Database, userId: string) {
  const rows = await db.select().from(consents).where(eq(consents.userId, userId));
  return {
    items: PURPOSE_NAMES.map((purpose) => {
      const row = rows.find((r) => r.purpose === purpose);
      const current = PURPOSES[purpose].version;
      return {
        purpose,
        ...PURPOSES[purpose],
        granted: !!row?.granted && row.version === current,
        answeredVersion: row?.version ?? null,
        answeredAt: row ? new Date(row.updatedAt).toISOString() : null,
      };
    }),
  };
}

/** Records answers (all in one batch, each audited). An answer to an older text is refused with 409. */
export async function answerConsents(
  db: Database,
  ctx: { requestId?: string; client?: string },
  userId: string,
  answers: { purpose: Purpose; granted: boolean; version?: number }[],
) {
  for (const a of answers) {
    const current = PURPOSES[a.purpose].version;
    if (a.version !== undefined && a.version !== current)
      throw conflict(`The text of ${a.purpose} is now version ${current}; show it and ask again.`);
  }
  const now = Date.now();
  const writes = answers.flatMap((a) => {
    const version = PURPOSES[a.purpose].version;
    return [
      db
        .insert(consents)
        .values({ userId, purpose: a.purpose, version, granted: a.granted, updatedAt: now })
        .onConflictDoUpdate({
          target: [consents.userId, consents.purpose],
          set: { version, granted: a.granted, updatedAt: now },
        }),
      auditEntry(db, ctx, {
        event: "consent.changed",
        actorId: userId,
        subjectId: userId,
        detail: { purpose: a.purpose, version, granted: a.granted },
      }),
    ];
  });
  await db.batch(writes as [(typeof writes)[number], ...(typeof writes)[number][]]);
  return listConsents(db, userId);
}

/** Consents are personal data; they go with the user row (cascade). */
export const consentData: PersonalData = {
  owner: "lib/consent",
  tables: [consents],
  export: [
    {
      name: "consents",
      description: "consents.json: each purpose, its current version and your answer.",
      async collect({ db, userId }) {
        const { items } = await listConsents(db, userId);
        return { files: [jsonFile("consents.json", items)], count: items.length };
      },
    },
  ],
};
