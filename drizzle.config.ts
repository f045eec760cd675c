import { defineConfig } from "drizzle-kit";

// Generates the SQL migrations that wrangler applies (`wrangler d1 migrations apply`).
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema.ts",
  out: "./migrations",
});
