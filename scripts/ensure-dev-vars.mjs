// Makes sure .dev.vars has the local secrets `npm start` needs: a random JWT_SECRET and a random
// DATA_KEYS storage key, so a fresh clone works with no manual step. Values already there are kept.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";

if (!existsSync(".dev.vars")) {
  writeFileSync(
    ".dev.vars",
    `# Made by npm start; git-ignored. See .dev.vars.example.\nJWT_SECRET=${randomBytes(48).toString("base64url")}\n`,
    { mode: 0o600 },
  );
  console.log("Created .dev.vars with a random JWT_SECRET.");
}
const vars = readFileSync(".dev.vars", "utf8");
if (!/^DATA_KEYS=/m.test(vars)) {
  // Added to older files too: message and artifact bodies cannot be stored without a key.
  appendFileSync(
    ".dev.vars",
    `${vars.endsWith("\n") || !vars ? "" : "\n"}DATA_KEYS=dev1:${randomBytes(32).toString("base64")}\n`,
  );
  console.log("Added a random DATA_KEYS storage key to .dev.vars.");
}
