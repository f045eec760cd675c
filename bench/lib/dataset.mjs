/**
 * A deterministic gallery of `size` creations, shaped like the issue asks: 1–5 tags each from a
 * 2,000-tag vocabulary drawn with a Zipf law (a few tags on a third of everything, most on a handful),
 * about two scores each from users other than the owner, and every summary the app keeps
 * denormalized (score sums and averages, rank, the sort keys copied into creation_tags, tag usage)
 * computed exactly as the app would have left it.
 */
import { appModules } from "./app-modules.mjs";

export const VOCABULARY = 2_000;
export const USERS = 1_000;
export const PASSWORD = "bench-password-0123";
const ZIPF_S = 1.0;
const YEAR_MS = 365 * 24 * 3600 * 1000;

/** mulberry32: small, fast and seedable, so every run builds the same gallery. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sampler of ranks 1..n with P(k) ∝ 1/k^s, by binary search over the cumulative weights. */
function zipf(n, s, random) {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let k = 1; k <= n; k++) cdf[k - 1] = total += 1 / k ** s;
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

export const tagName = (rank) => `tag-${String(rank).padStart(4, "0")}`;

export async function makeDataset(size, { seed = 9, now = Date.now() } = {}) {
  const { bayesianRank, newId, hashPassword } = await appModules();
  const random = prng(seed);
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const drawTag = zipf(VOCABULARY, ZIPF_S, random);

  // One PBKDF2 hash for everyone: hashing 1,000 passwords would cost minutes and test nothing.
  const passwordHash = await hashPassword(PASSWORD);
  const start = now - YEAR_MS;
  const users = Array.from({ length: USERS }, (_, i) => ({
    id: newId(start - YEAR_MS + i),
    email: `bench-user-${i}@bench.local`,
    passwordHash,
    displayName: `Bench User ${i}`,
    createdAt: start - YEAR_MS + i,
  }));

  const usage = new Int32Array(VOCABULARY + 1);
  const creations = [];
  const creationTags = [];
  const scores = [];
  // Spread over the last year, one millisecond apart at least, so ULIDs order exactly by age.
  const step = Math.max(1, Math.floor(YEAR_MS / size));
  for (let i = 0; i < size; i++) {
    const createdAt = start + i * step;
    const id = newId(createdAt);
    const owner = users[int(0, USERS - 1)];
    const tagIds = new Set();
    const want = int(1, 5);
    while (tagIds.size < want) tagIds.add(drawTag());

    const scorers = new Set();
    const count = int(0, 4); // mean 2
    while (scorers.size < count) {
      const u = users[int(0, USERS - 1)];
      if (u !== owner) scorers.add(u);
    }
    let creativitySum = 0;
    let uniquenessSum = 0;
    for (const u of scorers) {
      const creativity = int(1, 10);
      const uniqueness = int(1, 10);
      creativitySum += creativity;
      uniquenessSum += uniqueness;
      scores.push({ creationId: id, userId: u.id, creativity, uniqueness, at: createdAt + 1000 });
    }
    const summary = {
      scoreCount: count,
      creativitySum,
      uniquenessSum,
      creativityAvg: count ? creativitySum / count : 0,
      uniquenessAvg: count ? uniquenessSum / count : 0,
      rank: bayesianRank(count, creativitySum, uniquenessSum),
    };
    const sorted = [...tagIds].sort((a, b) => a - b);
    for (const t of sorted) {
      usage[t]++;
      creationTags.push({
        tagId: t,
        creationId: id,
        rank: summary.rank,
        creativityAvg: summary.creativityAvg,
        uniquenessAvg: summary.uniquenessAvg,
      });
    }
    creations.push({
      id,
      ownerId: owner.id,
      title: `Bench creation ${i}`,
      description: `A generated creation for the benchmark, number ${i}, with a sentence of text like a real one.`,
      tags: JSON.stringify(sorted.map(tagName)),
      createdAt,
      ...summary,
    });
  }
  const tags = Array.from({ length: VOCABULARY }, (_, i) => ({
    id: i + 1,
    name: tagName(i + 1),
    usageCount: usage[i + 1],
  }));
  return { users, tags, creations, creationTags, scores, usage };
}

/**
 * The tags the bench searches: the most used one, and a rare one that still fills part of a page
 * (the least used tag with at least 3 uses, so "rare" never means "no rows at all").
 */
export function searchTags(usage) {
  let rare = 1;
  for (let t = 1; t <= VOCABULARY; t++) if (usage[t] >= 3 && usage[t] <= usage[rare]) rare = t;
  return { common: { name: tagName(1), uses: usage[1] }, rare: { name: tagName(rare), uses: usage[rare] } };
}
