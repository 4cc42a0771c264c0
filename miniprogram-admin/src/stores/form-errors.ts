/**
 * Forms are checked with the server's own request schemas (`REQUEST_SCHEMAS` via `parseRequest`),
 * so what the app lets through is exactly what the server accepts, and bad input is answered at
 * once, naming the field, with nothing sent. The schemas speak English to developers; this module
 * turns their problems (and the server's INVALID_ARGUMENT replies, which use the same words) into
 * plain Chinese for the person holding the phone.
 */
import { formatFen, MAX_FEN, parseYuan } from '@channel-router/shared/money';
import type { ClientError } from '@channel-router/shared/client';
import type { Schema } from '@channel-router/shared/validation/schema';

export interface FieldSpec {
  /** What the person sees as the field's name, e.g. 「每盒件数」. */
  label: string;
  /** The form field that shows the problem (defaults to the request path itself). */
  formField?: string;
  /** Amounts in fen: bounds in messages are shown in yuan. */
  money?: boolean;
  /** What a well-formed value looks like, for pattern errors. */
  format?: string;
}

/** Request path (`packaging.itemsPerBox`, `territory`) → how to talk about it. */
export type FieldSpecs = Readonly<Record<string, FieldSpec>>;

export interface FieldProblem {
  /** The form field to mark red. */
  field: string;
  /** Plain Chinese, naming the field. */
  message: string;
}

/** `territory[3]` → `{ base: 'territory', index: 3 }`; `policy.consumerReward.max` stays whole. */
function splitIndex(path: string): { base: string; index: number | null } {
  const m = /^(.*)\[(\d+)\]$/.exec(path);
  return m === null ? { base: path, index: null } : { base: m[1]!, index: Number(m[2]) };
}

/** The spec of the path, or of its nearest parent that has one (`policy.x.y` → `policy.x`). */
function specFor(path: string, specs: FieldSpecs): { key: string; spec: FieldSpec } | null {
  for (let p = path; p !== ''; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const spec = specs[p];
    if (spec !== undefined) return { key: p, spec };
  }
  return null;
}

/**
 * Words for one schema (or server) problem about `path`. `message` is the schema's English text;
 * only its shape is read (the numbers in it are kept), never shown.
 */
export function describeProblem(path: string | undefined, message: string, specs: FieldSpecs): FieldProblem {
  const { base, index } = splitIndex(path ?? '');
  const found = specFor(base, specs);
  const spec: FieldSpec = found?.spec ?? { label: '填写的内容' };
  const field = spec.formField ?? found?.key ?? (base === '' ? 'form' : base);
  const name = index === null ? spec.label : `${spec.label}第 ${index + 1} 项`;
  const amount = (n: string) => (spec.money === true ? formatFen(Number(n)) : n);
  const say = (text: string): FieldProblem => ({ field, message: text });
  let m: RegExpExecArray | null;

  if (/is required for a/.test(message) || /must list at least one|must not be empty|must hold at least/.test(message)) {
    return say(`请至少添加一个${spec.label}`);
  }
  if (/is required$/.test(message)) return say(`请填写${name}`);
  if (/must be at least min$/.test(message)) return say(`${name}不能低于最低金额`);
  if ((m = /must be at most (\d+) characters/.exec(message)) !== null) return say(`${name}最多 ${m[1]} 个字`);
  if ((m = /must be at least (\d+) characters/.exec(message)) !== null) return say(`${name}至少 ${m[1]} 个字`);
  if (/control characters/.test(message)) return say(`${name}里有不能使用的字符`);
  if ((m = /(?:lists|must hold) at most (\d+)/.exec(message)) !== null) return say(`${spec.label}最多 ${m[1]} 项`);
  if (/six-digit/.test(message)) return say(`${name}应为 6 位数字的地区码`);
  if ((m = /unknown region code (\d+)/.exec(message)) !== null) return say(`${name}：没有 ${m[1]} 这个地区码`);
  if (/wrong check digit/.test(message)) return say(`${name}的校验位不对，请核对`);
  if ((m = /must be at least (\d+)$/.exec(message)) !== null) return say(`${name}不能小于 ${amount(m[1]!)}`);
  if ((m = /must be at most (\d+)$/.exec(message)) !== null) return say(`${name}不能大于 ${amount(m[1]!)}`);
  if (/must be an integer|must be a number/.test(message)) return say(spec.money === true ? `${name}请填写金额` : `${name}请填写整数`);
  if (/must be one of/.test(message)) return say(`请选择${name}`);
  if (/must be /.test(message) && spec.format !== undefined) return say(`${name}格式不对：${spec.format}`);
  return say(found === null ? '填写的内容有误，请检查' : `${name}填写有误，请检查`);
}

/**
 * A server reply as a field problem when it names a field the form knows (INVALID_ARGUMENT, or a
 * CONFLICT on a unique field such as a SKU); null when it is not about one field.
 */
export function problemFromReply(error: ClientError, specs: FieldSpecs): FieldProblem | null {
  if (error.field === undefined) return null;
  const found = specFor(splitIndex(error.field).base, specs);
  if (found === null) return null;
  if (error.code === 'INVALID_ARGUMENT') return describeProblem(error.field, error.message, specs);
  if (error.code === 'CONFLICT') return { field: found.spec.formField ?? found.key, message: `${found.spec.label}已被使用，请换一个` };
  if (error.code === 'NOT_FOUND') return { field: found.spec.formField ?? found.key, message: `${found.spec.label}不存在，请重新选择` };
  return null;
}

/** Whether asking again may help (a lost or garbled reply, a busy server). */
export function isRetryable(error: ClientError): boolean {
  return error.code === 'NETWORK' || error.code === 'BAD_REPLY' || error.code === 'INTERNAL';
}

/** Parses a whole number typed in a form: digits only (spaces around allowed), else null. */
export function parseCount(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t)) return null;
  return Number(t);
}

/**
 * Yuan typed by a person → integer fen (string arithmetic, never floats), or the problem in words
 * naming the field. `example` is what a well-formed amount of this field looks like.
 */
export function parseMoney(text: string, label: string, example = '0.88'): { ok: true; fen: number } | { ok: false; problem: string } {
  const r = parseYuan(text);
  if (r.ok) return { ok: true, fen: r.data };
  if (/too large/.test(r.error.message)) return { ok: false, problem: `${label}不能大于 ${formatFen(MAX_FEN)}` };
  return { ok: false, problem: `${label}请填写正确的金额（元），例如 ${example}` };
}

/**
 * One field checked with its schema from the shared field schemas (the very rule the request
 * schema applies to it), so that every faulty field of a form is named at once rather than the
 * first one the request schema meets.
 */
export function checkField<T>(schema: Schema<T>, value: unknown, path: string, specs: FieldSpecs): FieldProblem | null {
  const r = schema.parse(value, path);
  return r.ok ? null : describeProblem(r.path, r.message, specs);
}
