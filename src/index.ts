/**
 * The Worker: HTTP through the Hono app, queue batches to their consumers, the daily retention run
 * (cron trigger), and the Durable Object classes it binds.
 */
import { app } from "./app";
import { artifactJobs } from "./features/artifacts/generation";
import { generationPorts } from "./features/artifacts/ports";
import { consumeDeadLetters, consumeJobs, type JobKinds, type JobMessage } from "./features/jobs/queue";
import { exportJobs } from "./features/privacy/export";
import { applyRetention } from "./features/privacy/retention";

export { UserChat } from "./features/chat/user-chat";

/** What runs each kind of job (jobs.kind). */
const jobKinds: JobKinds = {
  artifact: artifactJobs(generationPorts),
  export: exportJobs,
};

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    if (batch.queue.endsWith("-dlq")) await consumeDeadLetters(batch, env, jobKinds);
    else await consumeJobs(batch, env, jobKinds);
  },
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(applyRetention(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env, JobMessage>;
