/**
 * Short texts the apps show: a promotion's badge ("满300减30", "每满300减30，最高减100", "满500打9.5折",
 * "满200送赠品×1") and a quote's hint for a promotion not yet at its top ("再买 ¥12.00 可减 ¥30.00").
 */
import { formatFen } from '../money.js';
import type { MissedPromotion } from './tiers.js';
import type { Promotion, ThresholdBy } from './types.js';

/** Fen as a badge writes yuan: no symbol, no trailing zero decimals (30000 → "300", 1250 → "12.5"). */
export function shortYuan(fen: number): string {
  return formatFen(fen, { symbol: false }).replace(/\.00$/, '').replace(/(\.\d)0$/, '$1');
}

/** A rate paid as Chinese discount text: 9500 → "9.5折", 9000 → "9折", 0 → "免单". */
export function discountText(rate_bp: number): string {
  if (rate_bp === 0) return '免单';
  return `${String(rate_bp / 1000).replace(/\.?0+$/, '')}折`;
}

function threshold(by: ThresholdBy, value: number, unitWord: string): string {
  return by === 'amount' ? shortYuan(value) : `${value}${unitWord}`;
}

export type ProductName = (productId: string) => string;

/** The badge of a promotion. `unitWord` names an order unit for unit thresholds (件, 箱). */
export function promotionLabel(p: Promotion, name: ProductName = () => '赠品', unitWord = '件'): string {
  switch (p.type) {
    case 'special':
      return '特价';
    case 'bundle':
      return `套餐 ¥${shortYuan(p.price)}`;
    case 'full_reduction': {
      if (p.repeat === true) {
        const t = p.tiers[0]!;
        const capText = p.cap === undefined ? '' : `，最高减${shortYuan(p.cap)}`;
        return `每满${threshold(p.thresholdBy, t.threshold, unitWord)}减${shortYuan(t.off)}${capText}`;
      }
      return p.tiers.map((t) => `满${threshold(p.thresholdBy, t.threshold, unitWord)}减${shortYuan(t.off)}`).join('，');
    }
    case 'full_discount':
      return p.tiers.map((t) => `满${threshold(p.thresholdBy, t.threshold, unitWord)}打${discountText(t.rate_bp)}`).join('，');
    case 'full_gift':
      return p.tiers.map((t) => `满${threshold(p.thresholdBy, t.threshold, unitWord)}送${t.gifts.map((g) => `${name(g.productId)}×${g.quantity}`).join('、')}`).join('，');
  }
}

/** The quote's hint for a promotion not at its top. */
export function missedHint(m: MissedPromotion, name: ProductName = () => '赠品', unitWord = '件'): string {
  const more = m.thresholdBy === 'amount' ? `再买 ¥${formatFen(m.missing, { symbol: false })}` : `再买 ${m.missing} ${unitWord}`;
  if (m.type === 'full_gift') return `${more} 可得${(m.gifts ?? []).map((g) => `${name(g.productId)}×${g.quantity}`).join('、')}`;
  if (m.type === 'full_discount' && m.rate_bp !== undefined) return `${more} 可享${discountText(m.rate_bp)}，减 ¥${formatFen(m.reward, { symbol: false })}`;
  return `${more} 可减 ¥${formatFen(m.reward, { symbol: false })}`;
}
