/**
 * Requests are checked on the phone with the server's own schemas (`parseRequest`), so what the
 * app sends is exactly what the server accepts, and bad input is answered at once, in Chinese,
 * naming the field, with nothing sent. The schemas' messages are English for developers: only
 * their shape is read here, never shown.
 */
import type { ActionName, ActionReq, FunctionName } from '@channel-router/shared/api';
import type { ClientError } from '@channel-router/shared/client';
import { parseRequest } from '@channel-router/shared/validation/requests';

/** Request fields of the dealer app's actions, as the person knows them. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  codes: '扫码清单',
  code: '码',
  toOrgId: '收货方',
  fromOrgId: '发货单位',
  orgId: '当前单位',
  dealerId: '当前单位',
  inviteCode: '邀请码',
  role: '身份',
  amount: '提现金额',
  requestId: '提交编号',
  cursor: '翻页位置',
  limit: '每页条数',
};

export interface Problem {
  /** The request field at fault (`codes`, `toOrgId`), or '' for the whole request. */
  field: string;
  /** Index into a list field (`codes[3]` → 3), when the problem is one entry. */
  index: number | null;
  /** Plain Chinese, naming the field. */
  message: string;
}

function split(path: string): { base: string; index: number | null } {
  const m = /^([A-Za-z]+)(?:\[(\d+)\])?/.exec(path);
  if (m === null) return { base: path, index: null };
  return { base: m[1]!, index: m[2] === undefined ? null : Number(m[2]) };
}

/** Words for one schema problem (`path`, English `message`). */
export function describe(path: string | undefined, message: string): Problem {
  const { base, index } = split(path ?? '');
  const label = FIELD_LABELS[base] ?? '填写的内容';
  const name = index === null ? label : `${label}第 ${index + 1} 项`;
  const say = (text: string): Problem => ({ field: base, index, message: text });
  let m: RegExpExecArray | null;
  if (/must not be empty/.test(message)) return say(`${label}是空的，请先扫码`);
  if ((m = /must hold at most (\d+) entries/.exec(message)) !== null) return say(`${label}最多 ${m[1]} 项，请分批提交`);
  if (/is required$/.test(message)) return say(base === 'toOrgId' || base === 'role' ? `请选择${label}` : `请填写${name}`);
  if ((m = /must be at least (\d+) characters/.exec(message)) !== null) return say(`${name}至少 ${m[1]} 位`);
  if ((m = /must be at most (\d+) characters/.exec(message)) !== null) return say(`${name}最多 ${m[1]} 位`);
  if (/letters and digits/.test(message)) return say(`${name}只能包含字母和数字`);
  if (/without spaces/.test(message)) return say(`${name}不能有空格`);
  if (/control characters/.test(message)) return say(`${name}里有不能使用的字符`);
  if ((m = /must be at least (\d+)$/.exec(message)) !== null) return say(`${name}不能小于 ${m[1]}`);
  if ((m = /must be at most (\d+)$/.exec(message)) !== null) return say(`${name}太大了`);
  if (/must be one of/.test(message)) return say(`请选择${label}`);
  return say(FIELD_LABELS[base] === undefined ? '填写的内容有误，请检查' : `${name}填写有误，请检查`);
}

/**
 * Checks a request with the server's schema: null when it would be accepted, else the problem.
 * Nothing is sent for a request that fails here.
 */
export function requestProblem<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, req: unknown): Problem | null {
  const r = parseRequest(fn, action, req);
  if (r.ok) return null;
  return describe(r.error.field, r.error.message);
}

/** The typed request once checked (the schema's output: trimmed, normalised). */
export function checkedRequest<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  req: unknown,
): { ok: true; req: ActionReq<F, A> } | { ok: false; problem: Problem } {
  const r = parseRequest(fn, action, req);
  return r.ok ? { ok: true, req: r.data } : { ok: false, problem: describe(r.error.field, r.error.message) };
}

/** The list entry a server error points at (`codes[3]` → 3), if any. */
export function entryIndexOf(error: ClientError): number | null {
  if (error.field === undefined) return null;
  const { base, index } = split(error.field);
  return base === 'codes' ? index : null;
}

/** Whether asking again may help (a lost or garbled reply, a busy server). */
export function isRetryable(error: ClientError): boolean {
  return error.code === 'NETWORK' || error.code === 'BAD_REPLY' || error.code === 'INTERNAL';
}
