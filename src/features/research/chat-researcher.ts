/**
 * The guide's research hook (pipeline/research.ts), implemented with research jobs: "research
 * <topic>" in a chat, or a research stage beginning, queues the same job as
 * POST /projects/{id}/research, with the conversation so that it hears the results.
 */
import { database } from "../../lib/db";
import { Problem } from "../../lib/problem";
import type { Researcher } from "../pipeline/research";
import type { ResearchPorts } from "./ports";
import { startResearch } from "./service";

/** Results per chat-started search: the message shows five, the rest are stored for citing. */
const CHAT_RESULTS = 10;

export function chatResearcher(env: Env, ports: Pick<ResearchPorts, "library">): Researcher {
  return {
    async start(req) {
      try {
        const { jobId, provider } = await startResearch(
          { db: database(env), env: env },
          { ...req, count: CHAT_RESULTS, offset: 0 },
          ports,
        );
        return { status: "started", jobId, local: provider === "local" };
      } catch (e) {
        // Limits, consent, configuration and a refusing queue all have a reason worth telling.
        if (e instanceof Problem) return { status: "unavailable", detail: e.detail.replace(/[.]$/, "") };
        throw e;
      }
    },
  };
}
