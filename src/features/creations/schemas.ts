/** Shapes of the creations gallery; the same schemas validate requests and document them. */
import { z } from "zod";
import { idParam, writtenText } from "../../lib/validate";

export const TAG_PATTERN = /^[a-z0-9-]{1,32}$/;
export const MAX_TAGS = 10;

/** A tag as users type it ("Lego Technic") becomes its normal form ("lego-technic"). */
export const normalizeTag = (raw: string) => raw.trim().toLowerCase().replace(/\s+/g, "-");

export const TagName = z
  .string()
  .transform(normalizeTag)
  .pipe(z.string().regex(TAG_PATTERN, "Tags are 1–32 characters of a–z, 0–9 and '-'"));

/** Tags arrive as a repeated form field, a comma-separated string, or a JSON array. */
const TagList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map(normalizeTag).filter(Boolean))
  .pipe(
    z
      .array(z.string().regex(TAG_PATTERN, "Tags are 1–32 characters of a–z, 0–9 and '-'"))
      .max(MAX_TAGS, `At most ${MAX_TAGS} tags`),
  )
  .transform((tags) => [...new Set(tags)]);

const Title = writtenText("The title", 120);
const Description = z.string().trim().max(2000, "At most 2000 characters");

export const CreateCreationForm = z.strictObject({
  title: Title,
  description: Description.optional(),
  tags: TagList.optional(),
  image: z
    .file()
    .optional()
    .describe("PNG, JPEG, WebP or GIF, at most 5 MiB and 8192 px a side")
    // zod's File type is a structural minimum; the runtime value is the platform's File.
    .transform((f) => f as unknown as File | undefined),
});

export const UpdateCreationBody = z
  .strictObject({ title: Title.optional(), description: Description.optional(), tags: TagList.optional() })
  .refine((b) => Object.values(b).some((v) => v !== undefined), "Change at least one field");

export const ScoreBody = z.strictObject({
  creativity: z.number().int().min(1).max(10),
  uniqueness: z.number().int().min(1).max(10),
});

export const SORTS = ["newest", "top", "creativity", "uniqueness"] as const;
export type Sort = (typeof SORTS)[number];

export const TAG_MATCHES = ["exact", "similar"] as const;
export type TagMatch = (typeof TAG_MATCHES)[number];

export const ListQuery = z.object({
  tag: TagName.optional(),
  match: z
    .enum(TAG_MATCHES)
    .default("exact")
    .describe(
      "similar: also the most used tags that start with `tag` or are one edit from it (at most 5, listed in matchedTags)",
    ),
  owner: z.string().min(1).max(64).optional().describe("A user id"),
  sort: z.enum(SORTS).default("newest"),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const SearchQuery = z.object({
  tag: TagName,
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/**
 * A prefix is normalised exactly as a tag is (normalizeTag), then validated. Absent or empty as sent
 * means no prefix: the most used tags. One that had characters but normalises to nothing (only
 * whitespace, e.g. U+2028) is refused rather than silently widened to every tag.
 */
const TagPrefix = z
  .string()
  .max(256)
  .refine((raw) => raw === "" || normalizeTag(raw) !== "", "Type a letter, digit or '-', or leave it empty")
  .transform(normalizeTag)
  .pipe(
    z
      .string()
      .max(32, "At most 32 characters")
      .regex(/^[a-z0-9-]*$/, "Letters, digits and '-' only"),
  );

export const TagPrefixQuery = z.object({
  prefix: TagPrefix.default("").describe("Absent or empty: the most used tags"),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const IdParam = idParam("creation");

export const ScoreSummary = z.object({
  count: z.number().int(),
  creativityAvg: z.number(),
  uniquenessAvg: z.number(),
  rank: z.number().describe("Bayesian average; see README"),
});

export const Creation = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  image: z
    .object({ url: z.string(), type: z.string(), width: z.number(), height: z.number(), bytes: z.number() })
    .nullable(),
  owner: z.object({ id: z.string(), displayName: z.string() }),
  score: ScoreSummary,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const CreationDetail = Creation.extend({
  myScore: z
    .object({ creativity: z.number(), uniqueness: z.number() })
    .nullable()
    .optional()
    .describe("Only when signed in"),
});

export const CreationPage = z.object({
  items: z.array(Creation),
  nextCursor: z.string().nullable(),
  matchedTags: z.array(z.string()).optional().describe("With match=similar: the tags searched, best first"),
});
export const TagSuggestions = z.object({ items: z.array(z.object({ name: z.string(), count: z.number() })) });

export type CreationView = z.infer<typeof Creation>;
