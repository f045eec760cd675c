/**
 * The guide's generation hook (pipeline/generation.ts), implemented with generation jobs: "generate
 * the PRD" in a chat queues the same job as POST /projects/{id}/artifacts, with the chat's facts and
 * conversation, so the conversation hears about progress and gets a link when it is done.
 */
import { database } from "../../lib/db";
import { ARTIFACTS } from "../pipeline/catalogue";
import type { ArtifactGenerator } from "../pipeline/generation";
import { startGeneration } from "./generation";

export function artifactGenerator(env: Env): ArtifactGenerator {
  return {
    async start(req) {
      const started = await startGeneration(database(env), env, {
        ownerId: req.ownerId,
        projectId: req.projectId,
        type: req.type,
        title: ARTIFACTS[req.type].title,
        facts: req.facts,
        conversationId: req.conversationId,
        ...(req.instructions ? { instructions: req.instructions } : {}),
      });
      return { status: "started", ...started };
    },
  };
}
