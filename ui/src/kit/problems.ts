/**
 * Requests are checked on the phone with the server's own schemas, so what an app sends is
 * exactly what the server accepts, and bad input is answered at once, naming the field, with
 * nothing sent. A schema problem carries `{ field, rule, limit }` (shared validation/schema.ts);
 * this is the one place that says it in Chinese. The schemas' English messages are for
 * developers and are never read here.
 */
import type { ActionName, ActionReq, FunctionName } from '@channel-router/shared/api';
import type { ClientError } from '@channel-router/shared/client';
import { formatFen } from '@channel-router/shared/money';
import { REQUEST_SCHEMAS } from '@channel-router/shared/validation/requests';
import type { Schema, ValidationRule } from '@channel-router/shared/validation/schema';

export interface FieldSpec {
  /** What the person sees as the field's name, e.g. 「每盒件数」. */
  label: string;
  /** The form field that shows the problem (defaults to the request path itself). */
  formField?: string;
  /** Amounts in fen: bounds are shown in yuan. */
  money?: boolean;
  /** What a well-formed value looks like, for pattern problems. */
  format?: string;
  /** How lengths are counted: 「位」 for codes, 「个字」 (the default) for names. */
  unit?: string;
  /** Picked from a list rather than typed: a missing one reads 「请选择…」. */
  choose?: boolean;
}

/** Request path (`packaging.itemsPerBox`, `territory`, `codes`) → its label, or how to talk about it. */
export type ProblemLabels = Readonly<Record<string, string | FieldSpec>>;

/** The fields every app's requests share. */
export const COMMON_LABELS: ProblemLabels = {
  code: { label: '码', unit: '位', format: '不能有空格' },
  codes: { label: '扫码清单', unit: '位', format: '不能有空格' },
  inviteCode: { label: '邀请码', unit: '位', format: '只能包含字母和数字' },
  amount: { label: '提现金额', money: true },
  requestId: '提交编号',
  cursor: '翻页位置',
  limit: '每页条数',
  role: { label: '身份', choose: true },
};

export interface Problem {
  /** The form field to mark (the request path's field, or the spec's `formField`); 'form' for the whole request. */
  field: string;
  /** Index into a list field (`codes[3]` → 3), when the problem is one entry. */
  index: number | null;
  /** Plain Chinese, naming the field. */
  message: string;
}

/** What is known about a problem: a schema's, or a server reply's (which may lack the rule). */
export interface ProblemFacts {
  field?: string | undefined;
  rule?: ValidationRule | undefined;
  limit?: number | undefined;
}

/** `territory[3]` → `{ base: 'territory', index: 3 }`; `policy.consumerReward.max` stays whole. */
function splitIndex(path: string): { base: string; index: number | null } {
  const m = /^(.*)\[(\d+)\]$/.exec(path);
  return m === null ? { base: path, index: null } : { base: m[1]!, index: Number(m[2]) };
}

/** The spec of the path, or of its nearest parent that has one (`policy.x.y` → `policy.x`). */
function specFor(path: string, labels: ProblemLabels): { key: string; spec: FieldSpec } | null {
  for (let p = path; p !== ''; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const found = labels[p];
    if (found !== undefined) return { key: p, spec: typeof found === 'string' ? { label: found } : found };
  }
  return null;
}

/** Chinese words for one problem, naming the field as the person knows it. */
export function describeProblem(facts: ProblemFacts, labels: ProblemLabels = COMMON_LABELS): Problem {
  const { base, index } = splitIndex(facts.field ?? '');
  const found = specFor(base, labels);
  const spec: FieldSpec = found?.spec ?? { label: '填写的内容' };
  const field = spec.formField ?? found?.key ?? (base === '' ? 'form' : base);
  const name = index === null ? spec.label : `${spec.label}第 ${index + 1} 项`;
  const unit = spec.unit ?? '个字';
  const bound = (n: number) => (spec.money === true ? formatFen(n) : String(n));
  const say = (message: string): Problem => ({ field, index, message });
  const limit = facts.limit;
  switch (facts.rule) {
    case 'required':
      return say(spec.choose === true ? `请选择${spec.label}` : `请填写${name}`);
    case 'empty':
    case 'min_items':
      return say(`请至少添加一个${spec.label}`);
    case 'max_items':
      return say(limit === undefined ? `${spec.label}太多了` : `${spec.label}最多 ${limit} 项，请分批提交`);
    case 'min_length':
      return say(limit === undefined ? `${name}太短了` : `${name}至少 ${limit} ${unit}`);
    case 'max_length':
      return say(limit === undefined ? `${name}太长了` : `${name}最多 ${limit} ${unit}`);
    case 'control_chars':
      return say(`${name}里有不能使用的字符`);
    case 'pattern':
      return say(spec.format === undefined ? `${name}格式不对，请检查` : `${name}格式不对：${spec.format}`);
    case 'min':
      return say(limit === undefined ? `${name}太小了` : `${name}不能小于 ${bound(limit)}`);
    case 'max':
      return say(limit === undefined ? `${name}太大了` : `${name}不能大于 ${bound(limit)}`);
    case 'range':
      return say(`${name}超出了范围`);
    case 'type':
    case 'integer':
      if (spec.money === true) return say(`${name}请填写金额`);
      return say(facts.rule === 'integer' ? `${name}请填写整数` : `${name}填写有误，请检查`);
    case 'one_of':
      return say(`请选择${name}`);
    case 'region_code':
      return say(`${name}应为 6 位数字的地区码`);
    case 'unknown_region':
      return say(`${name}：没有这个地区码`);
    case 'check_digit':
      return say(`${name}的校验位不对，请核对`);
    case 'below_min':
      return say(`${name}不能低于最低金额`);
    case 'invalid':
    case undefined:
      return say(found === null ? '填写的内容有误，请检查' : `${name}填写有误，请检查`);
  }
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: Problem };

/**
 * Validates a request exactly as the server will: the typed request (trimmed, normalised), or the
 * problem in plain Chinese. Nothing is sent for a request that fails here.
 */
export function checkRequest<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, req: unknown, labels: ProblemLabels = COMMON_LABELS): Checked<ActionReq<F, A>> {
  const actions = REQUEST_SCHEMAS[fn] as Record<string, Schema<unknown>>;
  const schema = Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined;
  if (schema === undefined) throw new Error(`checkRequest: ${fn} has no action ${String(action)}`);
  const r = schema.parse(req, '');
  if (r.ok) return { ok: true, value: r.value as ActionReq<F, A> };
  return { ok: false, problem: describeProblem({ field: r.path, rule: r.rule, limit: r.limit }, { ...COMMON_LABELS, ...labels }) };
}

/**
 * One field checked with its schema (the very rule the request schema applies to it), so that
 * every faulty field of a form is named at once rather than the first one the request meets.
 */
export function checkField<T>(schema: Schema<T>, value: unknown, path: string, labels: ProblemLabels): Problem | null {
  const r = schema.parse(value, path);
  return r.ok ? null : describeProblem({ field: r.path, rule: r.rule, limit: r.limit }, labels);
}

/**
 * A server reply as a field problem when it names a field the form knows (INVALID_ARGUMENT, a
 * CONFLICT on a unique field such as a SKU, a NOT_FOUND reference); null otherwise.
 */
export function problemFromReply(error: ClientError & ProblemFacts, labels: ProblemLabels): Problem | null {
  if (error.field === undefined) return null;
  const { base, index } = splitIndex(error.field);
  const found = specFor(base, labels);
  if (found === null) return null;
  const field = found.spec.formField ?? found.key;
  if (error.code === 'INVALID_ARGUMENT') return describeProblem(error, labels);
  if (error.code === 'CONFLICT') return { field, index, message: `${found.spec.label}已被使用，请换一个` };
  if (error.code === 'NOT_FOUND') return { field, index, message: `${found.spec.label}不存在，请重新选择` };
  return null;
}
