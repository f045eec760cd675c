/** The drizzle handle over D1. Cheap to make, so each request makes its own from its Env. */
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../db/schema";

export const database = (env: Env) => drizzle(env.DB, { schema });
export type Database = ReturnType<typeof database>;
