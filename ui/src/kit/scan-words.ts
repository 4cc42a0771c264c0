/**
 * The running scan list's words: what a verdict (shared custody/scan-verdict.ts) and a failed
 * identify or submit mean, in Chinese. One vocabulary for every app; an app names only its own
 * places (「品牌仓库」 or 「本单位库存」) and who may not scan.
 */
import type { ClientError } from '@channel-router/shared/client';
import type { ScanNote, ScanPurpose, ScanRefusal } from '@channel-router/shared/custody/scan-verdict';
import { isRetryable } from './load';

export interface ScanWords {
  /** Where the org keeps its goods: 「本单位库存」, 「品牌仓库」, 「本店库存」. */
  stock: string;
  /** Who receives a shipment: 「收货方」, 「经销商」. */
  target: string;
  /** Who an org ships to: 「下游」, 「经销商」. */
  downstream: string;
  /** The person may not scan for this org (identify answered FORBIDDEN). */
  forbidden: string;
  /** The person may not submit for this org (the submit answered FORBIDDEN). */
  notMember: string;
}

export const ORG_SCAN_WORDS: ScanWords = {
  stock: '本单位库存',
  target: '收货方',
  downstream: '下游',
  forbidden: '您还没有加入经销商或批发商，不能扫码收发货',
  notMember: '您不是本单位的成员，不能为它收发货',
};

function where(holderName: string | null): string {
  return holderName === null ? '' : `（现在在 ${holderName}）`;
}

export function refusalText(refusal: ScanRefusal, holderName: string | null, words: ScanWords): string {
  switch (refusal) {
    case 'reward_code':
      return '这是瓶盖内（包装内）的领奖码，请扫描包装外的码';
    case 'may_not_receive':
      return '您不能为本单位收货';
    case 'already_held':
      return `已在${words.stock}中，无需再收货`;
    case 'not_held':
      return `不在${words.stock}中${where(holderName)}`;
  }
}

/** Words for what is worth a look about an accepted code; undefined when there is nothing. */
export function noteText(note: ScanNote, holderName: string | null, words: ScanWords): string | undefined {
  switch (note) {
    case 'none':
      return undefined;
    case 'recall':
      return '已发给下游但对方未签收，收货将取回';
    case 'foreign':
      return '不是您上级经销商的货，入库会记录为窜货证据';
    case 'unannounced':
      return `没有发往本单位${where(holderName)}，收货会记录为异常`;
    case 'receive_first':
      return '本单位还没收货，发货时一并收货';
    case 'already_to_target':
      return `已发往这个${words.target}，对方还未签收`;
    case 'redirect':
      return `已发往其他${words.downstream}但未签收，将改发`;
  }
}

/** Words for an identify that failed; `retry` when asking again may help. */
export function identifyFailure(error: ClientError, words: ScanWords): { retry: boolean; text: string } {
  switch (error.code) {
    case 'INVALID_CODE':
      return { retry: false, text: '不是本品牌的码，无法识别' };
    case 'NOT_FOUND':
      return { retry: false, text: '系统中没有这个码' };
    case 'FORBIDDEN':
      return { retry: false, text: words.forbidden };
    case 'INVALID_ARGUMENT':
      return { retry: false, text: '这不是有效的码' };
    case 'RATE_LIMITED':
      return { retry: true, text: '扫得太快了，稍后重新核对' };
    default:
      return isRetryable(error) ? { retry: true, text: '网络不稳定，稍后重新核对' } : { retry: false, text: error.userMessage };
  }
}

/** Words for a failed submit; `entryNo` is the 1-based row of the code at fault, if any. */
export function submitFailureText(purpose: ScanPurpose, error: ClientError, entryNo: number | null, words: ScanWords): string {
  const which = entryNo === null ? '有一个码' : `清单第 ${entryNo} 个码`;
  switch (error.code) {
    case 'FORBIDDEN':
      return words.notMember;
    case 'CONFLICT':
      return purpose === 'ship' ? `${which}不在${words.stock}中（可能已发出或还没收货），请删除后再提交` : '数据刚刚有变化，请重试';
    case 'INVALID_CODE':
      return `${which}无法识别，请删除后再提交`;
    case 'NOT_FOUND':
      return error.field === 'toOrgId' ? `${words.target}不存在，请重新选择` : `${which}在系统中不存在，请删除后再提交`;
    case 'INVALID_ARGUMENT':
      if (error.field === 'toOrgId') return `这个${words.target}不是本单位的直接下游，请重新选择`;
      if (entryNo !== null) return `${which}有误，请删除后再提交`;
      return error.userMessage;
    default:
      return error.userMessage;
  }
}
