/**
 * The Worker module: its entry points and the Durable Object classes it binds, both put together in
 * the composition root (src/worker).
 */
export { default } from "./worker/entry";
export { UserChat } from "./worker/user-chat";
