/** The Worker: HTTP through the Hono app, and the Durable Object classes it binds. */
import { app } from "./app";

export { UserChat } from "./features/chat/user-chat";

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
