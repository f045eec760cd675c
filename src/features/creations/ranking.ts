/**
 * The rank of a creation: a Bayesian average of its votes, each vote being the mean of creativity
 * and uniqueness. Every creation starts with PRIOR_VOTES imaginary votes at PRIOR_MEAN, so one 10/10
 * (rank 6.25) does not beat fifty 9/10s (rank 8.68); many votes outweigh the prior.
 */
export const PRIOR_VOTES = 5;
export const PRIOR_MEAN = 5.5;

export function bayesianRank(count: number, creativitySum: number, uniquenessSum: number): number {
  return (PRIOR_VOTES * PRIOR_MEAN + (creativitySum + uniquenessSum) / 2) / (PRIOR_VOTES + count);
}
