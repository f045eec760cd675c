/** /gallery: browse and search, upload, a creation's page, scoring and deleting. */
import { type Context, Hono } from "hono";
import { MAX_IMAGE_BYTES } from "../../features/creations/images";
import { z } from "zod";
import { CreateCreationForm, IdParam, ListQuery, ScoreBody } from "../../features/creations/schemas";
import * as gallery from "../../features/creations/service";
import { notFound } from "../../lib/problem";
import { deps, readDeps } from "../../lib/deps";
import type { AppEnv } from "../../lib/app-env";
import { readForm, readSearch, submit, type FormState } from "../forms";
import { withNotice } from "../paths";
import { requireSignedIn } from "../session";
import { viewOf } from "../ui/view";
import { CreationPage, GalleryPage, NewCreationPage } from "./pages";

/** Fills rows of three and four columns alike. */
const PAGE_SIZE = 24;

/** Sliders post text; the API's schema decides what a valid score is. */
const ScoreForm = z.object({ creativity: z.coerce.number(), uniqueness: z.coerce.number() }).pipe(ScoreBody);

function creationId(raw: string): string {
  const parsed = IdParam.safeParse({ id: raw });
  if (!parsed.success) throw notFound("creation");
  return parsed.data.id;
}

/** The upload form again, with what was typed, after the image was too large to be sent. */
export const uploadFormAgain = (c: Context<AppEnv>, form: FormState) =>
  c.html(
    <NewCreationPage
      v={viewOf(c)}
      form={{
        ...form,
        errors: {
          image: `Choose an image of at most ${MAX_IMAGE_BYTES / (1024 * 1024)} MB.`,
          ...form.errors,
        },
      }}
    />,
    413,
  );

export const galleryPages = new Hono<AppEnv>()
  .get("/", async (c) => {
    const read = readSearch(
      c,
      ListQuery,
      ["tag", "sort", "cursor"],
      { limit: PAGE_SIZE },
      "This search cannot be run. Check the tag.",
    );
    if (!read.ok)
      return c.html(
        <GalleryPage
          v={viewOf(c)}
          q={{ tag: read.raw.tag, sort: "newest" }}
          items={[]}
          nextCursor={null}
          form={read.form}
        />,
        422,
      );
    const q = read.data;
    // The page's search box finds tags by their start and near spellings ("rest" → #restaurant).
    // Public pages read like the public API: from the nearest replica (lib/deps.ts readDeps).
    const page = (await gallery.list(readDeps(c), { ...q, match: "similar" })).value;
    return c.html(
      <GalleryPage
        v={viewOf(c)}
        q={q}
        items={page.items}
        nextCursor={page.nextCursor}
        matchedTags={page.matchedTags}
      />,
    );
  })
  .get("/new", requireSignedIn, (c) => c.html(<NewCreationPage v={viewOf(c)} />))
  .post("/new", requireSignedIn, async (c) => {
    const done = await submit(CreateCreationForm, await readForm(c), (input) =>
      gallery.publish(deps(c), c.get("user")!, input),
    );
    if (!done.ok) return c.html(<NewCreationPage v={viewOf(c)} form={done.form} />, done.status);
    return c.redirect(withNotice(`/gallery/${done.result.id}`, "published"), 303);
  })
  .get("/:id", async (c) => {
    const creation = (await gallery.getCreationFor(readDeps(c), creationId(c.req.param("id")), c.get("user")))
      .value;
    return c.html(<CreationPage v={viewOf(c)} creation={creation} />);
  })
  .post("/:id/score", requireSignedIn, async (c) => {
    const id = creationId(c.req.param("id"));
    const user = c.get("user")!;
    const done = await submit(ScoreForm, await readForm(c), (input) =>
      gallery.score(deps(c), user, id, input),
    );
    if (done.ok) return c.redirect(withNotice(`/gallery/${id}`, "scored"), 303);
    const creation = (await gallery.getCreationFor(deps(c), id, user)).value;
    return c.html(<CreationPage v={viewOf(c)} creation={creation} form={done.form} />, done.status);
  })
  .post("/:id/delete", requireSignedIn, async (c) => {
    const id = creationId(c.req.param("id"));
    const { from } = await readForm(c);
    await gallery.remove(deps(c), c.get("user")!, id);
    // Moderators go back to the list they were working through; owners to their dashboard.
    return c.redirect(withNotice(from === "admin" ? "/admin/creations" : "/dashboard", "deleted"), 303);
  });
