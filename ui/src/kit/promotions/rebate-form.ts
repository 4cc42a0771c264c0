/**
 * The rebate program editor's form and its mapping to `trade.saveRebateProgram`
 * (docs/promotions.md#rebate-programs): thresholds typed in yuan ↔ fen, rates typed in percent ↔ bp,
 * the approval chain of roles, checked by the server's own validator (`validateRebateProgram`).
 */
import { parseYuan } from '@channel-router/shared/money';
import { validateRebateProgram, rebateFor, type RebateMode, type RebatePeriodKind, MAX_APPROVAL_STEPS } from '@channel-router/shared';
import { dateOf, dayEnd_ms, dayStart_ms, lastDateOf } from '../shanghai-dates';
import { bpToPercent, EMPTY_TARGETING, percentToBp, productScopeOf, targetingOf, yuanText, type FieldErrors, type TargetingForm } from './form';
import type { RebateProgramView, SaveRebateProgramReq } from './api';
import { ruleText } from './words';

export interface RebateTierForm {
  /** Yuan of basis from which the rate applies. */
  threshold: string;
  /** Percent: 1.5 = 1.5 %. */
  percent: string;
}

export interface RebateProgramForm extends TargetingForm {
  programId?: string;
  version?: number;
  name: string;
  period: RebatePeriodKind;
  mode: RebateMode;
  tiers: RebateTierForm[];
  approvalChain: string[];
  fromDate: string;
  toDate: string;
  enabled: boolean;
}

export function newRebateProgramForm(now_ms: number): RebateProgramForm {
  const today = dateOf(now_ms);
  return {
    ...EMPTY_TARGETING,
    name: '',
    period: 'quarter',
    mode: 'whole',
    tiers: [{ threshold: '0', percent: '' }],
    approvalChain: ['finance', 'owner'],
    fromDate: `${today.slice(0, 4)}-01-01`,
    toDate: `${today.slice(0, 4)}-12-31`,
    enabled: true,
  };
}

function label(path: string): { label: string; money?: boolean } {
  const m = /^tiers\[(\d+)\]\.(threshold|rate_bp)$/.exec(path);
  if (m !== null) return m[2] === 'threshold' ? { label: `第 ${Number(m[1]) + 1} 档起点`, money: true } : { label: `第 ${Number(m[1]) + 1} 档返利比例` };
  if (path.startsWith('approvalChain')) return { label: '审批流程' };
  if (path.startsWith('targeting')) return { label: '适用客户' };
  if (path.startsWith('products')) return { label: '商品范围' };
  const words: Record<string, string> = { name: '政策名称', period: '结算周期', mode: '计算方式', tiers: '档位', from: '开始日期', to: '结束日期' };
  return { label: words[path] ?? '填写的内容' };
}

export type RebateFormResult = { ok: true; req: SaveRebateProgramReq } | { ok: false; errors: FieldErrors };

export function rebateProgramRequest(f: RebateProgramForm): RebateFormResult {
  if (f.approvalChain.length > MAX_APPROVAL_STEPS) return { ok: false, errors: { approvalChain: `审批流程最多 ${MAX_APPROVAL_STEPS} 步` } };
  const errors: FieldErrors = {};
  const tiers = f.tiers.map((t, i) => {
    const y = parseYuan(t.threshold.trim() === '' ? 'x' : t.threshold);
    const bp = percentToBp(t.percent);
    if (!y.ok) errors[`tiers[${i}].threshold`] = t.threshold.trim() === '' ? `请填写第 ${i + 1} 档起点` : `第 ${i + 1} 档起点请填写金额`;
    if (bp === null) errors[`tiers[${i}].rate_bp`] = t.percent.trim() === '' ? `请填写第 ${i + 1} 档返利比例` : `第 ${i + 1} 档返利比例应为 0 到 100 之间的百分数`;
    return { threshold: y.ok ? y.data : 0, rate_bp: bp ?? 0 };
  });
  const from = dayStart_ms(f.fromDate);
  const to = dayEnd_ms(f.toDate);
  if (from === null) errors['from'] = '请选择开始日期';
  if (to === null) errors['to'] = '请选择结束日期';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const def = {
    name: f.name.trim(),
    period: f.period,
    mode: f.mode,
    tiers,
    targeting: targetingOf(f),
    products: productScopeOf(f),
    approvalChain: [...f.approvalChain],
    from: from!,
    to: to!,
    ...(f.enabled ? {} : { enabled: false }),
  };
  const checked = validateRebateProgram(def);
  if (!checked.ok) {
    const path = checked.error.field ?? 'form';
    return { ok: false, errors: { [path]: ruleText(label(path), { rule: checked.error.rule, limit: checked.error.limit, message: checked.error.message }) } };
  }
  const req: SaveRebateProgramReq = { ...checked.data };
  if (f.programId !== undefined) req.programId = f.programId;
  if (f.version !== undefined) req.version = f.version;
  return { ok: true, req };
}

export function formOfProgram(p: RebateProgramView): RebateProgramForm {
  return {
    kinds: [...(p.targeting.kinds ?? [])],
    levels: [...(p.targeting.levels ?? [])],
    groupIds: [...(p.targeting.groupIds ?? [])],
    regionsText: (p.targeting.regions ?? []).join(', '),
    buyerIds: [...(p.targeting.buyerIds ?? [])],
    productScope: p.products.scope,
    productIds: p.products.scope === 'all' ? [] : [...p.products.productIds],
    programId: p.programId,
    version: p.version,
    name: p.name,
    period: p.period,
    mode: p.mode,
    tiers: p.tiers.map((t) => ({ threshold: yuanText(t.threshold), percent: bpToPercent(t.rate_bp) })),
    approvalChain: [...p.approvalChain],
    fromDate: dateOf(p.from),
    toDate: lastDateOf(p.to),
    enabled: p.enabled !== false,
  };
}

/** The tiers in words: 「满 ¥0 返 1%；满 ¥100,000 返 2%」. */
export function tiersText(p: Pick<RebateProgramView, 'tiers'>): string {
  return p.tiers.map((t) => `满 ¥${yuanText(t.threshold)} 返 ${bpToPercent(t.rate_bp)}%`).join('；');
}

/** What a basis would earn under a checked request's tiers, for the editor's example line. */
export function exampleRebate(req: Pick<SaveRebateProgramReq, 'tiers' | 'mode'>, basis_fen: number): number {
  return rebateFor(basis_fen, req.tiers, req.mode).rebate_fen;
}
