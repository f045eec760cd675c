/**
 * The offline search provider, used when no outside provider is configured: the knowledge base the
 * app ships and the user's own artifacts (the artifact library's full-text index, any term). The two
 * rankings are not comparable, so they are interleaved, the user's own work first.
 *
 * Results are labelled "local-kb" and "my-artifacts" and link to uxprt://kb/<id> and
 * uxprt://artifacts/<id>. Nothing leaves the Worker, and the results depend on who asks, so they
 * are never shared through the cache.
 */
import type { Database } from "../../lib/db";
import type { SearchHit, SearchProvider } from "../../lib/search/port";
import { cleanText, MAX_SNIPPET, MAX_TITLE } from "../../lib/search/sanitize";
import { searchKb, terms } from "./kb";
import { kbUrl } from "./kb/types";

export const ARTIFACT_URL_PREFIX = "uxprt://artifacts/";

/** Full-text search over one owner's artifacts: the artifact library's index, which features/artifacts provides. */
export type LibrarySearch = (
  db: Database,
  q: { ownerId: string; text: string; anyTerm: boolean; offset: number; limit: number },
) => Promise<{ artifact: { id: string; title: string }; snippet: string }[]>;

function interleave<T>(a: T[], b: T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) out.push(a[i]!);
    if (i < b.length) out.push(b[i]!);
  }
  return out;
}

export function localSearch(db: Database, ownerId: string, library: LibrarySearch): SearchProvider {
  return {
    name: "local",
    external: false,
    shared: false,
    async search(q) {
      const wanted = (q.offset + 1) * q.count;
      const words = terms(q.query);
      const rows = words.length
        ? await library(db, {
            ownerId,
            text: words.join(" "),
            anyTerm: true,
            offset: 0,
            limit: wanted,
          })
        : [];
      const mine: SearchHit[] = rows.slice(0, wanted).map((r) => ({
        title: cleanText(r.artifact.title, MAX_TITLE),
        url: `${ARTIFACT_URL_PREFIX}${r.artifact.id}`,
        snippet: cleanText(r.snippet, MAX_SNIPPET),
        source: "my-artifacts",
      }));
      const kb: SearchHit[] = searchKb(q.query)
        .slice(0, wanted)
        .map((e) => ({
          title: e.title,
          url: kbUrl(e.id),
          snippet: cleanText(e.body, MAX_SNIPPET),
          source: "local-kb",
        }));
      return interleave(mine, kb).slice(q.offset * q.count, (q.offset + 1) * q.count);
    },
  };
}
