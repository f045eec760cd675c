/** The caller's own UserChat Durable Object. */

/**
 * Always named from the id of the verified, signed-in user (currentUser(c)), never from anything
 * the client sends: that is what keeps one user's conversations out of another's reach.
 */
export const userChat = (env: Env, user: { id: string }) =>
  env.USER_CHAT.get(env.USER_CHAT.idFromName(user.id));
