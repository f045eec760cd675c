/**
 * The research ports as this Worker wires them:
 * - the offline provider searches the user's own artifacts through the artifact library's index
 *   (features/artifacts);
 * - the observer gives the conversation that asked its research news: a `research` event on its
 *   stream and, once the job has ended, a message with the best results as links, so the history
 *   keeps them. Titles and snippets are escaped: a result must not add links or formatting of its
 *   own to a chat message.
 */
import { database } from "../lib/db";
import { cleanText } from "../lib/search/sanitize";
import { userChat } from "../lib/user-chat";
import { STAGES } from "../features/pipeline/catalogue";
import type { ResearchObserver } from "../features/research/job";
import { searchArtifacts } from "../features/artifacts/queries";
import type { ResearchPorts } from "../features/research/ports";
import { resultsOf } from "../features/research/queries";

/** Results listed in the chat message; all of them are in GET /research/{jobId}. */
const SHOWN = 5;

const CITING_STAGES = STAGES.filter((s) => s.research)
  .map((s) => s.number)
  .join(" and ");

const escapeMarkdown = (text: string) => text.replace(/[\\`*_{}[\]()<>#|!~]/g, (c) => `\\${c}`);

async function summary(env: Env, jobId: string, query: string, count: number): Promise<string> {
  if (count === 0)
    return `Research on “${escapeMarkdown(query)}” found nothing. Try other words: “research <topic>”.`;
  const rows = (await resultsOf(database(env), { jobId })).slice(0, SHOWN);
  const lines = rows.map(
    (r, i) =>
      `${i + 1}. [${escapeMarkdown(r.title)}](${r.url}) (${r.source})${r.snippet ? `: ${escapeMarkdown(cleanText(r.snippet, 160))}` : ""}`,
  );
  return [
    `Research on “${escapeMarkdown(query)}” found ${count} result${count === 1 ? "" : "s"}${count > SHOWN ? `; the first ${SHOWN}` : ""}:`,
    lines.join("\n"),
    `They are saved with the project; artifacts of stages ${CITING_STAGES} that you generate from now on cite them.`,
  ].join("\n\n");
}

const observeResearch: ResearchObserver = async (env, e) => {
  const conversationId = e.input.conversationId;
  if (!conversationId) return;
  const search = await database(env).query.researchSearches.findFirst({
    where: (s, { and, eq }) => and(eq(s.jobId, e.jobId), eq(s.ownerId, e.ownerId)),
  });
  if (!search) return;
  const text =
    e.status === "succeeded"
      ? await summary(env, e.jobId, search.query, e.resultCount ?? 0)
      : `I could not finish the research on “${escapeMarkdown(search.query)}”: ${e.error ?? "the search failed."}`;
  await userChat(env, { id: e.ownerId }).notify(
    {
      type: "research",
      conversationId,
      query: search.query,
      status: e.status,
      jobId: e.jobId,
      ...(e.resultCount !== undefined ? { resultCount: e.resultCount } : {}),
      ...(e.error ? { detail: e.error } : {}),
    },
    { agent: e.input.agent ?? "design", text },
  );
};

export const researchPorts: ResearchPorts = { library: searchArtifacts, observe: observeResearch };
