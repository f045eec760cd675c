/**
 * Rate-limit counters (rate-limit.ts) are keyed by pseudonyms of a user's email and id. The exact
 * ones live in D1 and would expire within the hour, but an erasure removes them at once; the
 * per-minute binding counters hold nothing past a minute. Nothing to export: a count of attempts
 * under a keyed pseudonym says nothing the user does not know.
 */
import { rateCounters } from "../db/schema";
import type { PersonalData } from "./personal-data";
import { pseudonym } from "./pseudonym";
import { forgetCounters } from "./rate-limit";

export const rateLimitData: PersonalData = {
  owner: "lib/rate-limit",
  tables: [rateCounters],
  export: [],
  async erase({ env, db, user }) {
    const subjects = await Promise.all([pseudonym(env, user.email), pseudonym(env, user.id)]);
    return { before: [forgetCounters(db, subjects)] };
  },
};
