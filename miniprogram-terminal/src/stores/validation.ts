/**
 * Requests are checked on the phone with the server's own schemas (`parseRequest`), so what the
 * app sends is exactly what the server accepts, and bad input is answered at once, in Chinese,
 * naming the field, with nothing sent. The schemas' messages are English for developers; only
 * their shape is read here (the numbers are kept), never shown.
 */
import { parseRequest } from '@channel-router/shared/validation';
import type { ActionName, ActionReq, FunctionName } from '@channel-router/shared/api';

/** Request fields of the terminal's actions, as the person knows them. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  inviteCode: '邀请码',
  codes: '码',
  code: '码',
  amount: '提现金额',
  orgId: '门店',
  requestId: '提交编号',
  cursor: '翻页位置',
  limit: '每页条数',
};

export interface FieldProblem {
  /** The request field at fault (`codes`, `inviteCode`), without a list index. */
  field: string;
  /** Plain Chinese naming the field, e.g. 「邀请码至少 4 位」. */
  message: string;
  /** For a list: which entry (0-based), e.g. `codes[3]` → 3. */
  index?: number;
}

/** Chinese words for a schema (or server INVALID_ARGUMENT) problem about `path`. */
export function describeProblem(path: string | undefined, message: string): FieldProblem {
  const m0 = /^([A-Za-z]+)(?:\[(\d+)\])?/.exec(path ?? '');
  const field = m0?.[1] ?? '';
  const index = m0?.[2] !== undefined ? Number(m0[2]) : undefined;
  const label = FIELD_LABELS[field] ?? '填写的内容';
  const name = index === undefined ? label : `第 ${index + 1} 个${label}`;
  const say = (text: string): FieldProblem => (index === undefined ? { field, message: text } : { field, message: text, index });
  let m: RegExpExecArray | null;
  if (/must not be empty$/.test(message)) return say(`请至少添加一个${label}`);
  if ((m = /must hold at most (\d+) entries/.exec(message)) !== null) return say(`一次最多提交 ${m[1]} 个${label}`);
  if (/is required$/.test(message)) return say(`请填写${name}`);
  if ((m = /must be at least (\d+) characters/.exec(message)) !== null) return say(`${name}至少 ${m[1]} 位`);
  if ((m = /must be at most (\d+) characters/.exec(message)) !== null) return say(`${name}最多 ${m[1]} 位`);
  if (/control characters/.test(message)) return say(`${name}里有不能使用的字符`);
  if (/letters and digits/.test(message)) return say(`${name}只能包含字母和数字`);
  if (/without spaces/.test(message)) return say(`${name}不能包含空格`);
  if (/must be at least \d+$/.test(message)) return say(`${name}太小了`);
  if (/must be at most \d+$/.test(message)) return say(`${name}太大了`);
  return say(`${name}填写有误，请检查`);
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: FieldProblem };

/** Validates a request exactly as the server will; a problem comes back in plain Chinese. */
export function checkRequest<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, req: unknown): Checked<ActionReq<F, A>> {
  const r = parseRequest(fn, action, req);
  if (r.ok) return { ok: true, value: r.data };
  return { ok: false, problem: describeProblem(r.error.field, r.error.message) };
}
