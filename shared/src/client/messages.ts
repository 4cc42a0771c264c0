/**
 * Error codes in plain Chinese, for the person holding the phone: never a raw code or a stack.
 * A page may pass the action, because the same code means different things in different places
 * (NOT_FOUND for a code is "we don't know this code"; for an invite it is "the invite is gone").
 */
import { FUNCTIONS } from '../api/actions.js';
import { ERROR_CODES } from '../result.js';
import { CLIENT_ERROR_CODES, type ClientErrorCode } from './types.js';

export const NETWORK_MESSAGE = '网络不稳定，请重试';

/** The default words for every error code a client can see (the contract's plus the client's own). */
export const ERROR_MESSAGES: Readonly<Record<ClientErrorCode, string>> = {
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您没有权限进行这个操作',
  INVALID_ARGUMENT: '填写的内容有误，请检查后重试',
  NOT_FOUND: '没有找到相关记录',
  INVALID_CODE: '这不是有效的码，请确认是否为正品',
  ALREADY_REDEEMED: '这个码的奖励已经被领取过了',
  INSUFFICIENT_FUNDS: '余额不足',
  CONFLICT: '数据刚刚有变化，请刷新后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '系统繁忙，请稍后重试',
  NOT_ORDERABLE: '该商品暂不可订购',
  OUT_OF_STOCK: '库存不足',
  QUOTE_CHANGED: '价格有变化，请确认新的金额后再提交',
  CREDIT_EXCEEDED: '超出信用额度',
  CREDIT_OVERDUE: '有逾期未还的账款，暂不能赊购',
  INVALID_STATE: '订单状态已变化，请刷新后重试',
  OVER_SHIPMENT: '发货数量超出订单',
  PRICE_BELOW_FLOOR: '价格低于品牌限价',
  RETURN_WINDOW_CLOSED: '已超过退货期限',
  NETWORK: NETWORK_MESSAGE,
  BAD_REPLY: '服务暂时不可用，请稍后重试',
};

/**
 * Words that depend on what the person was doing: `fn.action` → code → words, from the `words`
 * of each action's declaration (shared/src/api/functions/).
 */
const ACTION_MESSAGES: ReadonlyMap<string, Partial<Record<ClientErrorCode, string>>> = new Map(
  Object.entries(FUNCTIONS).flatMap(([fn, actions]) =>
    Object.entries(actions).flatMap(([action, decl]) => {
      const words = (decl as { words?: Partial<Record<ClientErrorCode, string>> }).words;
      return words === undefined ? [] : [[`${fn}.${action}`, words] as const];
    }),
  ),
);

/** Human-readable labels of request fields, for INVALID_ARGUMENT messages that name the field. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  amount: '金额',
  code: '码',
  codes: '码',
  inviteCode: '邀请码',
  name: '名称',
  brandName: '品牌名称',
  sku: '商品编码',
  regionCode: '地区',
  territory: '经营区域',
  cases: '箱数',
  toOrgId: '收货方',
  orgId: '组织',
};

const KNOWN_CODES: ReadonlySet<string> = new Set<string>([...ERROR_CODES, ...CLIENT_ERROR_CODES]);

export function isClientErrorCode(code: unknown): code is ClientErrorCode {
  return typeof code === 'string' && KNOWN_CODES.has(code);
}

/**
 * The words to show for an error. `action` is `fn.action` (e.g. `scan.redeem`); `field` is the
 * request field named by an INVALID_ARGUMENT error.
 */
export function userMessage(code: ClientErrorCode, action?: string, field?: string): string {
  const specific = action === undefined ? undefined : ACTION_MESSAGES.get(action)?.[code];
  if (specific !== undefined) return specific;
  if (code === 'INVALID_ARGUMENT' && field !== undefined) {
    const top = field.split('.')[0] ?? field;
    const label = FIELD_LABELS[top];
    if (label !== undefined) return `${label}填写有误，请检查后重试`;
  }
  return ERROR_MESSAGES[code];
}
