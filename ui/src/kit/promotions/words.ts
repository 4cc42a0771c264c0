/**
 * The words the promotion, rebate and settlement screens show: kinds, statuses, roles, and the
 * pure validators' problems (docs/promotions.md#promotions) in plain Chinese naming the field the
 * seller sees. The validators' English messages are for developers; only their field path, rule,
 * limit and the kind of cross-field rule are read here.
 */
import { formatFen } from '@channel-router/shared/money';
import type { ValidationRule } from '@channel-router/shared/validation/schema';
import type { PromotionType, StatementState, ThresholdBy } from '@channel-router/shared';
import type { ChannelOrgKind, Role } from '@channel-router/shared/model';
import { ROLE_LABELS } from '../../app-kit/role-labels';
import { pick } from '../labels';

export const PROMOTION_TYPE_LABELS: Readonly<Record<PromotionType, string>> = {
  special: '特价',
  bundle: '套餐',
  full_reduction: '满减',
  full_discount: '满折',
  full_gift: '满送',
};

export { BUYER_KIND_LABELS } from '../ordering-words';

export const STATEMENT_STATUS_LABELS: Readonly<Record<StatementState, string>> = {
  pending_approval: '待审批',
  returned: '已退回',
  approved: '已批准',
  posted: '已入账',
};

export const PERIOD_LABELS = { month: '月度', quarter: '季度', year: '年度' } as const;
export const MODE_LABELS = { whole: '全额累进（达档后全额按该档）', marginal: '超额累进（各段按各自比例）' } as const;

/** Roles a statement's approval chain may name, in the order a seller would usually chain them. */
export const CHAIN_ROLES: readonly Role[] = ['sales', 'finance', 'owner', 'admin'];

export function roleLabel(role: string): string {
  return pick(ROLE_LABELS, role);
}

/** What a problem is about, so a rule's words can be chosen: money (yuan), gift units, or other. */
interface FieldWords {
  label: string;
  money?: boolean;
  /** Picked from a list: a missing one reads 「请选择…」. */
  choose?: boolean;
}

const ordinal = (i: number | undefined) => (i === undefined ? '' : `第 ${i + 1} `);

/**
 * The label of a promotion request path (`tiers[1].threshold` → 「第 2 档门槛」). `type` and
 * `thresholdBy` decide whether a threshold or a budget is money.
 */
export function promotionFieldWords(path: string, type: PromotionType, thresholdBy: ThresholdBy = 'amount'): FieldWords {
  const idx = [...path.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  const key = path.replace(/\[\d+\]/g, '[]');
  const tier = `${ordinal(idx[0])}档`;
  const item = `${ordinal(idx[0])}个商品`;
  switch (key) {
    case 'name':
      return { label: '促销名称' };
    case 'from':
      return { label: '开始日期' };
    case 'to':
      return { label: '结束日期' };
    case 'perBuyerLimit':
      return { label: '每个客户限用次数' };
    case 'budget':
    case 'budget.amount':
    case 'budget.kind':
      return type === 'full_gift' ? { label: '赠品预算（件）' } : { label: '预算金额', money: true };
    case 'tiers':
      return { label: '档位' };
    case 'tiers[]':
      return { label: tier };
    case 'tiers[].threshold':
      return { label: `${tier}门槛`, money: thresholdBy === 'amount' };
    case 'tiers[].off':
      return { label: `${tier}减免金额`, money: true };
    case 'tiers[].rate_bp':
      return { label: `${tier}折扣` };
    case 'tiers[].gifts':
      return { label: `${tier}赠品` };
    case 'tiers[].gifts[]':
    case 'tiers[].gifts[].productId':
      return { label: `${tier}${ordinal(idx[1])}个赠品`, choose: true };
    case 'tiers[].gifts[].quantity':
      return { label: `${tier}${ordinal(idx[1])}个赠品的数量` };
    case 'cap':
      return { label: '封顶金额', money: true };
    case 'repeat':
      return { label: '每满减' };
    case 'thresholdBy':
      return { label: '门槛计算方式' };
    case 'items':
      return { label: type === 'bundle' ? '套餐商品' : '特价商品' };
    case 'items[]':
    case 'items[].productId':
      return { label: item, choose: true };
    case 'items[].price':
      return { label: `${item}的特价`, money: true };
    case 'items[].quantity':
      return { label: `${item}的数量` };
    case 'price':
      return { label: '套餐价', money: true };
    case 'products':
    case 'products.scope':
    case 'products.productIds':
      return { label: '商品范围' };
    case 'products.productIds[]':
      return { label: `商品范围${item}` };
    default:
      if (key.startsWith('targeting.regions')) return { label: `适用地区${ordinal(idx[0])}项` };
      if (key.startsWith('targeting')) return { label: '适用客户' };
      return { label: '填写的内容' };
  }
}

export interface RuleFacts {
  rule?: ValidationRule | undefined;
  limit?: number | undefined;
  /** The validator's developer message: only read to tell its cross-field rules apart. */
  message?: string | undefined;
}

/** Plain Chinese for one problem of a field named by `words`. */
export function ruleText(words: FieldWords, facts: RuleFacts): string {
  const name = words.label;
  const bound = (n: number) => (words.money === true ? formatFen(n) : String(n));
  const m = facts.message ?? '';
  switch (facts.rule) {
    case 'required':
      return words.choose === true ? `请选择${name}` : `请填写${name}`;
    case 'empty':
    case 'min_items':
      return `请至少添加一个${name}`;
    case 'max_items':
      return facts.limit === undefined ? `${name}太多了` : `${name}最多 ${facts.limit} 项`;
    case 'max_length':
      return facts.limit === undefined ? `${name}太长了` : `${name}最多 ${facts.limit} 个字`;
    case 'min_length':
      return `请填写${name}`;
    case 'min':
      return facts.limit === undefined ? `${name}太小了` : `${name}不能小于 ${bound(facts.limit)}`;
    case 'max':
      return facts.limit === undefined ? `${name}太大了` : `${name}不能大于 ${bound(facts.limit)}`;
    case 'one_of':
      return `请选择${name}`;
    case 'region_code':
      return `${name}应为 6 位数字的地区码`;
    case 'unknown_region':
      return `${name}：没有这个地区码`;
    case 'type':
    case 'integer':
      return words.money === true ? `${name}请填写金额` : `${name}请填写整数`;
    default:
      break;
  }
  // Cross-field rules (rule `invalid`), told apart by what they say.
  if (m.includes('must be after from')) return '结束日期不能早于开始日期';
  if (m.includes("above the previous tier's threshold")) return `${name}须高于上一档门槛`;
  if (m.includes('at least the previous tier')) return `${name}不能低于上一档`;
  if (m.includes('must give more than the previous tier')) return `${name}须比上一档优惠更多`;
  if (m.includes('exactly one tier when repeat')) return '每满减只能设一个档位';
  if (m.includes('only for repeat')) return '封顶金额只用于每满减';
  if (m.includes("at least one tier's amount off")) return '封顶金额不能少于每满减免的金额';
  if (m.includes('must not exceed its threshold')) return `${name}不能超过门槛`;
  if (m.includes('more than one unit')) return '套餐至少包含两件商品（单个商品请用特价）';
  if (m.includes('repeats')) return `${name}重复了`;
  if (m.includes('budget.kind')) return `${name}的类型不对`;
  if (m.includes('above 0 on some tier')) return '至少有一档的返利比例要大于 0';
  return `${name}填写有误，请检查`;
}
