/** The Worker: HTTP through the Hono app, queue batches to their consumers, and the Durable Object classes it binds. */
import { app } from "./app";
import { consumeDeadLetters, consumeJobs, type JobMessage } from "./features/artifacts/generation";
import { generationPorts } from "./features/artifacts/ports";

export { UserChat } from "./features/chat/user-chat";

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    if (batch.queue.endsWith("-dlq")) await consumeDeadLetters(batch, env, generationPorts);
    else await consumeJobs(batch, env, generationPorts);
  },
} satisfies ExportedHandler<Env, JobMessage>;
