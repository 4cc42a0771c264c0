/**
 * Rebate tiers (docs/promotions.md): threshold → rate, applied `whole` (the reached tier's rate on
 * the whole basis) or `marginal` (each rate on its band, like a tax ladder). The rebate is floored
 * to the fen once, at the end, so the bands' fractions are never lost or counted twice.
 */
export const REBATE_MODES = ['whole', 'marginal'] as const;
export type RebateMode = (typeof REBATE_MODES)[number];

export interface RebateTier {
  /** Basis (fen) from which this tier's rate applies; the first tier may start at 0. */
  threshold: number;
  rate_bp: number;
}

export interface RebateAmount {
  rebate_fen: number;
  /** The rate of the highest tier reached; 0 below the first. */
  rate_bp: number;
  /** Index of the highest tier reached, -1 below the first. */
  tier: number;
}

function assertTiers(tiers: readonly RebateTier[]): void {
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i]!;
    if (!Number.isSafeInteger(t.threshold) || t.threshold < 0) throw new Error(`rebate tiers: bad threshold ${t.threshold}`);
    if (!Number.isSafeInteger(t.rate_bp) || t.rate_bp < 0 || t.rate_bp > 10_000) throw new Error(`rebate tiers: bad rate ${t.rate_bp}`);
    if (i > 0 && t.threshold <= tiers[i - 1]!.threshold) throw new Error('rebate tiers: thresholds not ascending');
  }
}

/** The rebate on `basis_fen`. A basis at or below 0 (returns beyond sales) earns nothing. */
export function rebateFor(basis_fen: number, tiers: readonly RebateTier[], mode: RebateMode): RebateAmount {
  assertTiers(tiers);
  if (!Number.isSafeInteger(basis_fen)) throw new Error(`rebateFor: bad basis ${basis_fen}`);
  let tier = -1;
  tiers.forEach((t, i) => {
    if (basis_fen > 0 && basis_fen >= t.threshold) tier = i;
  });
  if (tier < 0) return { rebate_fen: 0, rate_bp: 0, tier };
  const rate_bp = tiers[tier]!.rate_bp;
  // Exact in bp·fen, floored once.
  let sum = 0n;
  if (mode === 'whole') {
    sum = BigInt(basis_fen) * BigInt(rate_bp);
  } else {
    for (let i = 0; i <= tier; i++) {
      const lo = tiers[i]!.threshold;
      const hi = i + 1 < tiers.length ? Math.min(basis_fen, tiers[i + 1]!.threshold) : basis_fen;
      if (hi > lo) sum += BigInt(hi - lo) * BigInt(tiers[i]!.rate_bp);
    }
  }
  return { rebate_fen: Number(sum / 10_000n), rate_bp, tier };
}
