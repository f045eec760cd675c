/** A user's searches and their stored results; they go with the user row (cascade). */
import { researchResults, researchSearches } from "../../db/schema";
import { iso, jsonFile, type PersonalData } from "../../lib/personal-data";
import { resultsOf, searchesOf } from "./queries";

export const researchData: PersonalData = {
  owner: "features/research",
  tables: [researchSearches, researchResults],
  export: [
    {
      name: "research",
      description:
        "research.json: your searches, each with its stored results (title, url, snippet, source).",
      async collect({ db, userId }) {
        const searches = await searchesOf(db, { ownerId: userId });
        const items = [];
        for (const s of searches) {
          const results = await resultsOf(db, { jobId: s.jobId });
          items.push({
            jobId: s.jobId,
            projectId: s.projectId,
            query: s.query,
            provider: s.provider,
            createdAt: iso(s.createdAt),
            results: results.map((r) => ({
              title: r.title,
              url: r.url,
              snippet: r.snippet,
              source: r.source,
              fetchedAt: iso(r.fetchedAt),
            })),
          });
        }
        return { files: [jsonFile("research.json", items)], count: items.length };
      },
    },
  ],
};
