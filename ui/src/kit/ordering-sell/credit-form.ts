/**
 * A credit line (docs/ordering.md#payment): limit in yuan, a validity window of Shanghai dates,
 * payment term in days (账期). Checked on the phone; the request carries fen and ms.
 */
import { formatFen, parseYuan } from '@channel-router/shared/money';
import type { CreditLineView, SetCreditLineReq } from '@channel-router/shared/api';
import { dateOf, dayStart_ms } from '../shanghai-dates';


export const MAX_TERM_DAYS = 365;
const DAY_MS = 86_400_000;

export interface CreditForm {
  buyerOrgId: string;
  limit: string;
  from: string;
  to: string;
  termDays: string;
}

export function creditFormOf(buyerOrgId: string, line: CreditLineView | null, now_ms: number): CreditForm {
  if (line === null) return { buyerOrgId, limit: '', from: dateOf(now_ms), to: dateOf(now_ms + 365 * DAY_MS), termDays: '30' };
  return { buyerOrgId, limit: formatFen(line.limit, { symbol: false }), from: dateOf(line.from), to: dateOf(line.to), termDays: String(line.termDays) };
}

export function checkCreditForm(form: CreditForm, sellerOrgId: string): { ok: true; request: SetCreditLineReq } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (form.buyerOrgId === '') errors['buyerOrgId'] = '请选择客户';
  const limit = parseYuan(form.limit.trim(), 'limit');
  if (!limit.ok) errors['limit'] = '请填写额度（元，最多两位小数）';
  const from = dayStart_ms(form.from);
  const to = dayStart_ms(form.to);
  if (from === null) errors['from'] = '请填写日期 YYYY-MM-DD';
  if (to === null) errors['to'] = '请填写日期 YYYY-MM-DD';
  else if (from !== null && to <= from) errors['to'] = '结束日期应晚于开始日期';
  const t = form.termDays.trim();
  const termDays = Number(t);
  if (!/^\d{1,3}$/.test(t) || termDays < 0 || termDays > MAX_TERM_DAYS) errors['termDays'] = `账期应为 0 到 ${MAX_TERM_DAYS} 天`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: { buyerOrgId: form.buyerOrgId, sellerOrgId, limit: limit.ok ? limit.data : 0, from: from!, to: to!, termDays } };
}

/** `有效` / `未生效` / `已过期` at a moment. */
export function creditLineState(line: Pick<CreditLineView, 'from' | 'to'>, now_ms: number): { text: string; tone: 'success' | 'warning' | 'danger' } {
  if (now_ms < line.from) return { text: '未生效', tone: 'warning' };
  if (now_ms >= line.to) return { text: '已过期', tone: 'danger' };
  return { text: '有效', tone: 'success' };
}
