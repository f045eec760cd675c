/** Conversations: their rows in D1, their messages (and the guide's state) in the user's Durable Object. */
import { conversations } from "../../db/schema";
import { iso, jsonFile, type PersonalData } from "../../lib/personal-data";
import { userChat } from "../../lib/user-chat";
import { conversationsOf } from "./queries";

export const chatData: PersonalData = {
  owner: "features/chat",
  tables: [conversations],
  export: [
    {
      name: "conversations",
      description: "conversations/<id>.json: each conversation with all its messages, oldest first.",
      async collect({ db, userId, chat }) {
        const rows = await conversationsOf(db, { ownerId: userId });
        const files = rows.map((c) =>
          jsonFile(`conversations/${c.id}.json`, {
            id: c.id,
            projectId: c.projectId,
            title: c.title,
            agent: c.agent,
            createdAt: iso(c.createdAt),
            updatedAt: iso(c.updatedAt),
            messages: chat.messages
              .filter((m) => m.conversationId === c.id)
              .map(({ conversationId: _c, ...m }) => m),
          }),
        );
        return { files, count: rows.length };
      },
    },
  ],
  async erase({ env, user }) {
    // Stops replies, closes sockets and deletes all of the object's storage.
    return { stop: () => userChat(env, user).erase() };
  },
};
