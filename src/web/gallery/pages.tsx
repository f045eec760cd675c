/** The gallery's pages: the searchable grid, the upload form and a creation's own page. */
import type { AuthUser } from "../../lib/app-env";
import { MAX_IMAGE_BYTES } from "../../features/creations/images";
import type { CreationView, Sort } from "../../features/creations/schemas";
import type { FormState } from "../forms";
import { CreationGrid, CsrfField, Field, FormAlert, Pager, Tags, formatScore } from "../ui/components";
import { Layout } from "../ui/layout";
import type { PageView } from "../ui/view";

const SORT_LABELS: Record<Sort, string> = {
  newest: "Newest",
  top: "Top rated",
  creativity: "Most creative",
  uniqueness: "Most unique",
};
const IMAGE_TYPES = "image/png,image/jpeg,image/webp,image/gif";
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export interface GalleryQuery {
  tag?: string;
  sort: Sort;
  cursor?: string;
}

export function GalleryPage({
  v,
  q,
  items,
  nextCursor,
  matchedTags,
  form,
}: {
  v: PageView;
  q: GalleryQuery;
  items: CreationView[];
  nextCursor: string | null;
  /** The tags a search covered (the typed one, longer ones it starts, near spellings). */
  matchedTags?: string[];
  form?: FormState;
}) {
  const matched = matchedTags ?? (q.tag ? [q.tag] : []);
  return (
    <Layout v={v} title={q.tag ? `#${q.tag} · Gallery` : "Gallery"} scripts={["gallery"]}>
      <div class="page-head">
        <h1>Gallery</h1>
        {v.user ? (
          <a class="button" href="/gallery/new">
            Upload a creation
          </a>
        ) : (
          <a class="button secondary" href="/signin?next=%2Fgallery%2Fnew">
            Sign in to upload
          </a>
        )}
      </div>
      <form class="search" role="search" aria-label="Creations" method="get" action="/gallery">
        <Field
          form={form}
          name="tag"
          type="search"
          label="Tag"
          value={q.tag}
          list="tag-suggestions"
          maxlength={32}
          attrs={{ "data-tags": "single", autocomplete: "off" }}
        />
        <datalist id="tag-suggestions"></datalist>
        <div class="field">
          <label for="field-sort">Sort by</label>
          <select id="field-sort" name="sort">
            {(Object.keys(SORT_LABELS) as Sort[]).map((s) => (
              <option value={s} selected={s === q.sort}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
      {q.tag && (
        <p>
          {matched.length === 0 ? (
            <>
              No tag starts with or is spelled like <strong>#{q.tag}</strong>.
            </>
          ) : (
            <>
              Creations tagged{" "}
              {matched.map((t, i) => (
                <>
                  {i > 0 && (i === matched.length - 1 ? " or " : ", ")}
                  <a href={`/gallery?tag=${encodeURIComponent(t)}`}>
                    <strong>#{t}</strong>
                  </a>
                </>
              ))}
              {(matched.length > 1 || matched[0] !== q.tag) && <> (matching “{q.tag}”)</>}
            </>
          )}{" "}
          · <a href="/gallery">Show all creations</a>
        </p>
      )}
      <CreationGrid
        items={items}
        empty={q.tag ? "No creation has a tag like this yet." : "Nothing is published yet. Be the first!"}
      />
      <Pager
        base="/gallery"
        params={{ tag: q.tag, sort: q.sort === "newest" ? undefined : q.sort }}
        nextCursor={nextCursor}
        hasPrevious={!!q.cursor}
      />
    </Layout>
  );
}

export function NewCreationPage({ v, form }: { v: PageView; form?: FormState }) {
  return (
    <Layout v={v} title="Upload a creation" scripts={["upload"]}>
      <h1>Upload a creation</h1>
      <div class="form-card">
        <FormAlert form={form} />
        <form method="post" action="/gallery/new" enctype="multipart/form-data">
          <CsrfField v={v} />
          <Field form={form} name="title" label="Title" required maxlength={120} />
          <Field
            form={form}
            name="description"
            type="textarea"
            label="Description"
            hint="Optional, up to 2000 characters."
            maxlength={2000}
          />
          <Field
            form={form}
            name="tags"
            label="Tags"
            hint="Up to 10, separated by commas. Letters, digits and dashes."
            list="tag-suggestions"
            attrs={{ "data-tags": "multi", autocomplete: "off" }}
          />
          <datalist id="tag-suggestions"></datalist>
          <Field
            form={form}
            name="image"
            type="file"
            label="Image"
            hint="PNG, JPEG, WebP or GIF, up to 5 MB."
            attrs={{
              accept: IMAGE_TYPES,
              "data-preview": "image-preview",
              "data-status": "image-status",
              "data-max-bytes": String(MAX_IMAGE_BYTES),
            }}
          >
            <p class="hint" id="image-status" role="status"></p>
            <img id="image-preview" class="preview" alt="" hidden />
          </Field>
          <button type="submit">Publish</button>
        </form>
      </div>
    </Layout>
  );
}

type Detail = CreationView & { myScore?: { creativity: number; uniqueness: number } | null };

function Slider({ name, label, value }: { name: string; label: string; value: number }) {
  const id = `field-${name}`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="slider">
        <input type="range" id={id} name={name} min={1} max={10} step={1} value={value} />
        <output for={id} aria-hidden="true">
          {value}
        </output>
      </div>
    </div>
  );
}

function ScoreForm({ v, creation, form }: { v: PageView; creation: Detail; form?: FormState }) {
  const mine = creation.myScore;
  const initial = (name: "creativity" | "uniqueness") => Number(form?.values[name] ?? mine?.[name] ?? 5);
  return (
    <form method="post" action={`/gallery/${creation.id}/score`} data-score={creation.id}>
      <h3>{mine ? "Your score" : "Score it"}</h3>
      <CsrfField v={v} />
      <Slider name="creativity" label="Creativity (1 to 10)" value={initial("creativity")} />
      <Slider name="uniqueness" label="Uniqueness (1 to 10)" value={initial("uniqueness")} />
      <div class="form-actions">
        <button type="submit">{mine ? "Update my score" : "Save my score"}</button>
        <p class="muted" role="status" data-score-status></p>
      </div>
    </form>
  );
}

function ScoreSummary({ creation }: { creation: Detail }) {
  const s = creation.score;
  const cells: [label: string, key: keyof typeof s, value: number, digits: number][] = [
    ["Rank", "rank", s.rank, 2],
    ["Scores", "count", s.count, 0],
    ["Creativity", "creativityAvg", s.creativityAvg, 1],
    ["Uniqueness", "uniquenessAvg", s.uniquenessAvg, 1],
  ];
  return (
    <dl class="summary">
      {cells.map(([label, key, value, digits]) => (
        <div>
          <dt>{label}</dt>
          <dd data-summary={key} data-digits={String(digits)}>
            {/* Before the first score, averages and rank are only the prior: show none. */}
            {s.count === 0 && key !== "count" ? "–" : formatScore(value, digits)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

const canDelete = (user: AuthUser | undefined, c: CreationView) =>
  !!user && (user.id === c.owner.id || user.role === "admin");

export function CreationPage({ v, creation, form }: { v: PageView; creation: Detail; form?: FormState }) {
  const isOwner = v.user?.id === creation.owner.id;
  return (
    <Layout v={v} title={creation.title} scripts={["creation"]}>
      <p>
        <a href="/gallery">Back to the gallery</a>
      </p>
      <article class="creation">
        <div>
          <h1>{creation.title}</h1>
          <p class="muted">
            by {creation.owner.displayName} · published{" "}
            <time datetime={creation.createdAt}>{dateFormat.format(new Date(creation.createdAt))}</time>
          </p>
          {creation.image && (
            <figure>
              <img
                src={creation.image.url}
                alt={creation.title}
                width={creation.image.width}
                height={creation.image.height}
              />
            </figure>
          )}
          {creation.description && <p class="description">{creation.description}</p>}
          <Tags tags={creation.tags} />
        </div>
        <section aria-labelledby="scores-heading">
          <h2 id="scores-heading">Scores</h2>
          <FormAlert form={form} />
          <ScoreSummary creation={creation} />
          {!v.user ? (
            <p>
              <a href={`/signin?next=${encodeURIComponent(`/gallery/${creation.id}`)}`}>Sign in</a> to score
              this creation.
            </p>
          ) : isOwner ? (
            <p class="muted">This is your creation; others score it.</p>
          ) : (
            <ScoreForm v={v} creation={creation} form={form} />
          )}
          {canDelete(v.user, creation) && (
            <form
              method="post"
              action={`/gallery/${creation.id}/delete`}
              class="section"
              data-confirm={`Delete “${creation.title}” for good?`}
            >
              <CsrfField v={v} />
              <button type="submit" class="danger">
                {isOwner ? "Delete this creation" : "Delete (moderation)"}
              </button>
            </form>
          )}
        </section>
      </article>
    </Layout>
  );
}
