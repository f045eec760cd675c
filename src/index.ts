/**
 * The Worker: HTTP through the Hono app, queue batches to their consumers, the daily retention run
 * (cron trigger), and the Durable Object classes it binds.
 */
import { app } from "./app";
import { consumeDeadLetters, consumeJobs, type JobMessage } from "./features/jobs/queue";
import { jobHandlers } from "./features/jobs/registry";
import { applyRetention } from "./features/privacy/retention";

export { UserChat } from "./features/chat/user-chat";

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    if (batch.queue.endsWith("-dlq")) await consumeDeadLetters(batch, env, jobHandlers);
    else await consumeJobs(batch, env, jobHandlers);
  },
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(applyRetention(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env, JobMessage>;
