/**
 * Runs every variant once per round, rotating which goes first, so slow drift of a noisy machine (thermal,
 * neighbours, page cache) falls on all variants alike instead of on whichever ran last.
 */
export async function interleaved<K extends string>(
  rounds: number,
  variants: readonly K[],
  run: (variant: K, round: number) => Promise<number>,
): Promise<Record<K, number[]>> {
  const results = Object.fromEntries(variants.map((variant) => [variant, [] as number[]])) as Record<
    K,
    number[]
  >;
  for (let round = 0; round < rounds; round++) {
    const order = variants.map((_, i) => variants[(i + round) % variants.length] as K);
    for (const variant of order) results[variant].push(await run(variant, round));
  }
  return results;
}
