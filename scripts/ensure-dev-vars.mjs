// Creates .dev.vars with a fresh random JWT_SECRET when it is missing, so `npm start` works on a
// fresh clone with no manual step. An existing file is never touched.
import { existsSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";

if (!existsSync(".dev.vars")) {
  writeFileSync(".dev.vars", `# Made by npm start; git-ignored. See .dev.vars.example.\nJWT_SECRET=${randomBytes(48).toString("base64url")}\n`, { mode: 0o600 });
  console.log("Created .dev.vars with a random JWT_SECRET.");
}
