/**
 * What a person types into the admin's forms, read before any schema sees it: whole numbers and
 * yuan amounts (string arithmetic into integer fen, never floats). Problems with the parsed
 * request are worded by the kit (`describeProblem`, from the schema's rule and limit).
 */
import { formatFen, MAX_FEN, parseYuan } from '@channel-router/shared/money';

/** Parses a whole number typed in a form: digits only (spaces around allowed), else null. */
export function parseCount(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t)) return null;
  return Number(t);
}

/**
 * Yuan typed by a person → integer fen, or the problem in words naming the field. `example` is
 * what a well-formed amount of this field looks like.
 */
export function parseMoney(text: string, label: string, example = '0.88'): { ok: true; fen: number } | { ok: false; problem: string } {
  const r = parseYuan(text);
  if (r.ok) return { ok: true, fen: r.data };
  if (r.error.rule === 'max') return { ok: false, problem: `${label}不能大于 ${formatFen(MAX_FEN)}` };
  return { ok: false, problem: `${label}请填写正确的金额（元），例如 ${example}` };
}
