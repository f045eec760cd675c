/** Personal access tokens: their names, scopes and times are the user's; secrets are never stored. */
import { accessTokens } from "../../db/schema";
import { iso, jsonFile, type PersonalData } from "../../lib/personal-data";
import { listAllTokens } from "./queries";
import { toTokenView } from "./service";

export const tokenData: PersonalData = {
  owner: "features/tokens",
  // The rows go with the user row (cascade); the erasure deletes that row last.
  tables: [accessTokens],
  export: [
    {
      name: "tokens",
      description:
        "tokens.json: your personal access tokens' names, scopes and times (never their secrets or hashes).",
      async collect({ db, userId }) {
        const rows = await listAllTokens(db, { userId });
        const items = rows.map((t) => ({
          ...toTokenView(t),
          revokedAt: t.revokedAt ? iso(t.revokedAt) : null,
        }));
        return { files: [jsonFile("tokens.json", items)], count: items.length };
      },
    },
  ],
};
