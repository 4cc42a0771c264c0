/**
 * What the home screen shows for each phase of the flow: a pure function of the state, so every
 * wording is tested without rendering.
 */
import type { Mode, Phase } from './claim';

export type ViewStatus = 'success' | 'fail' | 'warning' | 'info';

export interface ClaimView {
  status: ViewStatus;
  title: string;
  description?: string;
  /** Shown big, in yuan. */
  amountFen?: number;
  /** The buttons under the result, in order. */
  actions: Array<'retry' | 'wallet' | 'again' | 'redeem'>;
  testId: string;
}

/** Someone else checking the same outside code many times hints at a copied label. */
export const MANY_VERIFICATIONS = 5;

export function claimView(phase: Phase, mode: Mode): ClaimView | null {
  switch (phase.kind) {
    case 'idle':
    case 'verifying':
    case 'confirming':
    case 'redeeming':
      return null;
    case 'verified': {
      const r = phase.result;
      if (!r.genuine) {
        return { status: 'fail', title: '未能验证为正品', description: '这个码不是本品牌发出的，请谨慎购买，可联系品牌客服核实。', actions: ['again'], testId: 'verify-not-genuine' };
      }
      const times = r.verifications;
      const description =
        times >= MANY_VERIFICATIONS
          ? `此码已被查询 ${times} 次。如果不是您本人多次查询，请警惕假冒。`
          : times <= 1
            ? '这是此码第一次被查询。'
            : `此码已被查询 ${times} 次。`;
      return {
        status: times >= MANY_VERIFICATIONS ? 'warning' : 'success',
        title: '正品 · 验证通过',
        description,
        actions: ['redeem', 'again'],
        testId: 'verify-genuine',
      };
    }
    case 'redeemed': {
      const r = phase.result;
      if (r.reward > 0) {
        return { status: 'success', title: '领取成功', description: '奖励已存入您的钱包，可随时提现。', amountFen: r.reward, actions: ['wallet', 'again'], testId: 'redeem-paid' };
      }
      if (r.reasonNotPaid === 'CHANNEL_MEMBER') {
        return { status: 'warning', title: '无法领取', description: '经销商、批发商和门店的工作人员不能领取消费者奖励。此码已作废。', actions: ['again'], testId: 'redeem-channel-member' };
      }
      if (r.reasonNotPaid === 'BUDGET_EXHAUSTED') {
        return { status: 'warning', title: '奖励已发完', description: '本次活动的奖金已经发完，感谢您的支持。', actions: ['again'], testId: 'redeem-budget' };
      }
      return { status: 'info', title: '此商品没有扫码奖励', description: '这件商品没有设置消费者奖励，但它是正品。', actions: ['again'], testId: 'redeem-none' };
    }
    case 'failed': {
      const e = phase.error;
      const retryable = e.code === 'NETWORK' || e.code === 'BAD_REPLY' || e.code === 'INTERNAL' || e.code === 'RATE_LIMITED';
      const title = phase.action === 'verify' ? '验证没有完成' : mode === 'redeem' || phase.action === 'redeem' ? '领取没有完成' : '没有完成';
      return {
        status: 'fail',
        title: e.code === 'ALREADY_REDEEMED' ? '已经领取过了' : e.code === 'INVALID_CODE' ? '无效的码' : title,
        description: e.userMessage,
        actions: retryable ? ['retry', 'again'] : ['again'],
        testId: `${phase.action}-failed`,
      };
    }
  }
}
