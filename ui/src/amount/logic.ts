import { formatFen } from '@channel-router/shared/money';

export interface AmountParts {
  sign: '' | '-' | '+';
  /** `¥12` */
  yuan: string;
  /** `.34` */
  cents: string;
}

/**
 * Splits an amount in fen for display, so the cents can be set smaller: 1234 → `¥12` + `.34`.
 * `signed` shows `+` for incoming amounts (wallet history).
 */
export function amountParts(fen: number, options: { signed?: boolean; grouping?: boolean } = {}): AmountParts {
  const text = formatFen(Math.abs(fen), { grouping: options.grouping === true });
  const dot = text.lastIndexOf('.');
  const sign = fen < 0 ? '-' : options.signed === true && fen > 0 ? '+' : '';
  return { sign, yuan: text.slice(0, dot), cents: text.slice(dot) };
}
