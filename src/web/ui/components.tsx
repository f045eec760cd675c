/**
 * Building blocks shared by pages. Every value is rendered through hono/jsx, which escapes text and
 * attributes; nothing here (or anywhere in the web app) renders user input as HTML.
 */
import type { Child } from "hono/jsx";
import type { CreationView } from "../../features/creations/schemas";
import type { FormState } from "../forms";
import type { PageView } from "./view";

export const CsrfField = ({ v }: { v: PageView }) => <input type="hidden" name="_csrf" value={v.csrf} />;

/** The form's overall message, announced when the page loads with it. */
export function FormAlert({ form }: { form?: FormState }) {
  if (!form?.alert) return null;
  return (
    <div class="alert" role="alert">
      <p>{form.alert}</p>
    </div>
  );
}

interface FieldProps {
  form?: FormState;
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "search" | "file" | "textarea";
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  minlength?: number;
  maxlength?: number;
  /** id of a <datalist> with suggestions */
  list?: string;
  value?: string;
  /** Extra attributes for page scripts (data-*) and inputs such as `accept`. */
  attrs?: Record<string, string>;
  children?: Child;
}

/** A labelled input with its hint and error tied to it by aria-describedby. */
export function Field({
  form,
  name,
  label,
  type = "text",
  hint,
  required,
  autocomplete,
  minlength,
  maxlength,
  list,
  value,
  attrs = {},
  children,
}: FieldProps) {
  const id = `field-${name}`;
  const error = form?.errors[name];
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  // Passwords and files are never sent back to the page.
  const shown = type === "password" || type === "file" ? undefined : (form?.values[name] ?? value);
  const common = {
    id,
    name,
    required,
    autocomplete,
    minlength,
    maxlength,
    "aria-invalid": error ? "true" : undefined,
    "aria-describedby": describedBy,
    ...attrs,
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {type === "textarea" ? (
        <textarea {...common}>{shown ?? ""}</textarea>
      ) : (
        <input {...common} type={type} value={shown} list={list} />
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

export function Tags({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul class="tags" aria-label="Tags">
      {tags.map((t) => (
        <li>
          <a href={`/gallery?tag=${encodeURIComponent(t)}`}>#{t}</a>
        </li>
      ))}
    </ul>
  );
}

export const formatScore = (n: number, digits: number) => n.toFixed(digits);

export function CreationCard({
  creation,
  heading = "h2",
}: {
  creation: CreationView;
  heading?: "h2" | "h3";
}) {
  const href = `/gallery/${creation.id}`;
  const Heading = heading;
  const { score } = creation;
  return (
    <li>
      <article class="card">
        {/* The title link below is the card's one way in; the image repeats it for pointer users only. */}
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: tabindex -1 keeps it out of the tab order; the title link is the one announced. */}
        {/* biome-ignore lint/a11y/useAnchorContent: hidden from assistive tech on purpose (see above). */}
        <a class="thumb" href={href} tabindex={-1} aria-hidden="true">
          {creation.image ? (
            <img
              src={creation.image.url}
              alt=""
              width={creation.image.width}
              height={creation.image.height}
              loading="lazy"
              decoding="async"
            />
          ) : (
            <span class="placeholder">No image</span>
          )}
        </a>
        <div class="body">
          <Heading>
            <a href={href}>{creation.title}</a>
          </Heading>
          <p class="meta">
            by {creation.owner.displayName} ·{" "}
            {score.count === 0
              ? "not scored yet"
              : `rank ${formatScore(score.rank, 2)} from ${score.count} score${score.count === 1 ? "" : "s"}`}
          </p>
          <Tags tags={creation.tags} />
        </div>
      </article>
    </li>
  );
}

export function CreationGrid({
  items,
  empty,
  heading,
}: {
  items: CreationView[];
  empty: Child;
  heading?: "h2" | "h3";
}) {
  if (items.length === 0) return <p class="muted">{empty}</p>;
  return (
    <ul class="grid">
      {items.map((c) => (
        <CreationCard creation={c} heading={heading} />
      ))}
    </ul>
  );
}

/** Keyset paging: a link to the next page, and back to the first (cursors only go forward). */
export function Pager({
  base,
  params,
  nextCursor,
  hasPrevious,
}: {
  base: string;
  params: Record<string, string | undefined>;
  nextCursor: string | null;
  hasPrevious: boolean;
}) {
  const link = (cursor?: string) => {
    const q = new URLSearchParams();
    for (const [k, val] of Object.entries({ ...params, cursor })) if (val) q.set(k, val);
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  if (!nextCursor && !hasPrevious) return null;
  return (
    <nav class="pager" aria-label="Pages">
      {hasPrevious && (
        <a class="button secondary" href={link()}>
          First page
        </a>
      )}
      {nextCursor && (
        <a class="button secondary" href={link(nextCursor)} rel="next">
          Next page
        </a>
      )}
    </nav>
  );
}

/** A labelled <select>; the chosen value comes back from the form state like any other field. */
export function SelectField({
  form,
  name,
  label,
  options,
  value,
}: {
  form?: FormState;
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  value?: string;
}) {
  const id = `field-${name}`;
  const chosen = form?.values[name] ?? value;
  const error = form?.errors[name];
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        name={name}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {options.map((o) => (
          <option value={o.value} selected={o.value === chosen}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
