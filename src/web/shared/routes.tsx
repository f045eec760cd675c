/**
 * /shared/<token>: the read-only page a share link opens, for anyone with the link, signed in or
 * not. It shows the latest version only (no history, no edit, no project), draws its diagrams like
 * the owner's page, and is never cached: revoking the link makes it 404 at once.
 */
import { Hono } from "hono";
import * as library from "../../features/artifacts/library";
import { TokenParam } from "../../features/artifacts/schemas";
import type { AppEnv } from "../../lib/app-env";
import { database } from "../../lib/db";
import { notFound } from "../../lib/problem";
import { hasDiagrams } from "../artifacts/pages";
import { Layout } from "../ui/layout";
import { viewOf } from "../ui/view";
import { formatDate, RenderedMarkdown, typeTitle } from "../ui/work";

export const sharedPages = new Hono<AppEnv>().get("/:token", async (c) => {
  const parsed = TokenParam.safeParse({ token: c.req.param("token") });
  if (!parsed.success) throw notFound("shared artifact");
  const a = await library.readShared({ db: database(c.env), env: c.env }, parsed.data.token);
  const diagrams = hasDiagrams(a.body);
  if (diagrams) c.set("drawsDiagrams", true);
  return c.html(
    <Layout v={viewOf(c)} title={a.title} scripts={diagrams ? ["diagrams"] : []}>
      <p class="meta">
        {typeTitle(a.type)} · shared read-only · updated{" "}
        <time datetime={a.updatedAt}>{formatDate(a.updatedAt)}</time>
      </p>
      <h1>{a.title}</h1>
      <article class="artifact-body">
        <RenderedMarkdown body={a.body} />
      </article>
    </Layout>,
  );
});
