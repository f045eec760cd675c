/** The account's personal data: the user row, its sessions and reset links, and mail to its address. */
import { outbox, passwordResets, refreshTokens, users } from "../../db/schema";
import { iso, jsonFile, type PersonalData } from "../../lib/personal-data";
import { deleteMailTo, findUserById, toUser } from "./queries";

export const accountData: PersonalData = {
  owner: "features/auth",
  // Sessions and reset links go with the user row (cascade); the erasure deletes that row last.
  tables: [users, refreshTokens, passwordResets, outbox],
  export: [
    {
      name: "profile",
      description: "profile.json: the account (never the password hash).",
      async collect({ db, userId }) {
        const row = await findUserById(db, { id: userId });
        return {
          files: row ? [jsonFile("profile.json", { ...toUser(row), updatedAt: iso(row.updatedAt) })] : [],
          count: row ? 1 : 0,
        };
      },
    },
  ],
  async erase({ db, user }) {
    return { before: [deleteMailTo(db, { email: user.email })] };
  },
};
