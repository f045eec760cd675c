/**
 * The Worker's entry points: HTTP through the Hono app, queue batches to their consumers with this
 * Worker's job handlers, and the daily retention run (cron trigger).
 */
import { consumeDeadLetters, consumeJobs, type JobMessage } from "../features/jobs/queue";
import { applyRetention } from "../features/privacy/retention";
import { depsOf } from "../lib/deps";
import { app } from "./app";
import { jobHandlers } from "./jobs";

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    if (batch.queue.endsWith("-dlq")) await consumeDeadLetters(batch, env, jobHandlers);
    else await consumeJobs(batch, env, jobHandlers);
  },
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(applyRetention(depsOf(env), controller.scheduledTime));
  },
} satisfies ExportedHandler<Env, JobMessage>;
