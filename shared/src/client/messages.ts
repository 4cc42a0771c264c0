/**
 * Error codes in plain Chinese, for the person holding the phone: never a raw code or a stack.
 * A page may pass the action, because the same code means different things in different places
 * (NOT_FOUND for a code is "we don't know this code"; for an invite it is "the invite is gone").
 */
import { ERROR_CODES } from '../result.js';
import { CLIENT_ERROR_CODES, type ClientErrorCode } from './types.js';

export const NETWORK_MESSAGE = '网络不稳定，请重试';

/** The default words for every error code a client can see (spec §6 plus the client's own). */
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
  NOT_ORDERABLE: '这个商品暂不可订',
  PRICE_BELOW_FLOOR: '价格低于品牌限价',
  INTERNAL: '系统繁忙，请稍后重试',
  NETWORK: NETWORK_MESSAGE,
  BAD_REPLY: '服务暂时不可用，请稍后重试',
};

/** Words that depend on what the person was doing: `fn.action` → code → words. */
const ACTION_MESSAGES: Readonly<Record<string, Partial<Record<ClientErrorCode, string>>>> = {
  'scan.verify': { NOT_FOUND: '没有找到这个码，请确认是否为正品' },
  'scan.redeem': {
    NOT_FOUND: '没有找到这个码，请确认是否为正品',
    INVALID_ARGUMENT: '请扫描瓶盖内（或包装内）的领奖码',
    INSUFFICIENT_FUNDS: '活动奖金已发完，暂时无法领取',
  },
  'scan.receive': { FORBIDDEN: '您不是该组织的成员，不能入库' },
  'scan.ship': { FORBIDDEN: '这些货不在您的库存里，不能发货' },
  'wallet.withdraw': {
    INSUFFICIENT_FUNDS: '可提现余额不足',
    INVALID_ARGUMENT: '提现金额有误（最少 ¥0.10）',
    RATE_LIMITED: '今天的提现次数或金额已达上限，请明天再试',
  },
  'wallet.fund': { INVALID_ARGUMENT: '充值金额有误' },
  'channel.join': { NOT_FOUND: '邀请码无效，请核对后重试', CONFLICT: '邀请码已被他人使用或已过期，请向邀请人索取新的邀请码' },
  'channel.bootstrap': { CONFLICT: '品牌已经初始化过了' },
};

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
  const specific = action === undefined ? undefined : ACTION_MESSAGES[action]?.[code];
  if (specific !== undefined) return specific;
  if (code === 'INVALID_ARGUMENT' && field !== undefined) {
    const top = field.split('.')[0] ?? field;
    const label = FIELD_LABELS[top];
    if (label !== undefined) return `${label}填写有误，请检查后重试`;
  }
  return ERROR_MESSAGES[code];
}
