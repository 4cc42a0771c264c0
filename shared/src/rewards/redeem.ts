/**
 * What a consumer's redeem of a hidden code does (docs/rewards.md#redeem), as a plan: ledger postings, alerts,
 * a penalty, the redemption record and the reply. The server loads the inputs, stores the
 * redemption record under the code (a unique key: a code redeems once, whatever the concurrency),
 * then applies the postings and stores the rest.
 *
 * Budget: the plan is computed against `budgetAvailable_fen`. Rewards are paid in priority order
 * (consumer, then store reward, then dealer rebate); each is paid in full when what is left of the
 * budget covers it, and otherwise not at all (never partly), with the reason in `unpaid`. So a
 * budget that covers only part pays the consumer first. If the budget changed before the postings
 * are applied (a concurrent redeem), the ledger answers INSUFFICIENT_FUNDS: recompute the plan with
 * the fresh budget, in the same transaction.
 */
import type { RedeemRes, RewardNotPaidReason } from '../api/actions.js';
import { judgeConsumerScan } from '../diversion/judge.js';
import { withinTerritory } from '../diversion/territory.js';
import {
  CHANNEL_ORG_KINDS,
  type Alert,
  type ConsumerReward,
  type DealerTerritory,
  type OrgKind,
  type Person,
  type RewardPolicy,
} from '../model.js';
import { BUDGET_ACCOUNT, orgAccount, personAccount, type AccountId, type Posting, type PostingKind } from '../wallet/ledger.js';
import { rebateAccount } from '../wallet/trade-accounts.js';

/** A dealer buys from the brand: its sell-through rebate, when sent to a rebate account, is its rebate with the brand. */
const BRAND_SELLER_ID = 'brand';

/** The org holding the item when it is redeemed (resolved custody), as the rules need it. */
export interface RedeemHolder {
  id: string;
  kind: OrgKind;
  /** '' for the brand. */
  regionCode: string;
  /** For a store: the first-tier dealer above it (through any wholesaler). Null otherwise. */
  firstTierDealerId: string | null;
}

export interface RedeemInput {
  /** The canonical hidden code. */
  code: string;
  productId: string;
  policy: RewardPolicy;
  at: number;
  redeemer: Person;
  holder: RedeemHolder;
  allocatedDealer: DealerTerritory | null;
  /** The region resolved from the consumer's coordinates, or null. */
  consumerRegionCode: string | null;
  /**
   * An integer in [min, max], for a random consumer reward. Production: a CSPRNG; tests: a fixed
   * function. Called at most once, and only when the reward is random and due.
   */
  randomInt: (min: number, max: number) => number;
  budgetAvailable_fen: number;
}

export type Beneficiary = 'consumer' | 'store' | 'rebate';

export interface UnpaidReward {
  beneficiary: Beneficiary;
  account: AccountId;
  amount_fen: number;
  reason: RewardNotPaidReason;
}

export interface PenaltyRecord {
  /** Idempotency key and document id: `redeem:<code>:penalty`. */
  key: string;
  dealerId: string;
  quantity: number;
  amount_fen: number;
  status: 'pending';
  code: string;
  productId: string;
  /** The diversion alert it rests on. */
  alertKey: string;
  at: number;
}

/** Marks the code spent; stored under the code with a unique key before any money moves. */
export interface RedemptionRecord {
  code: string;
  productId: string;
  unionId: string;
  at: number;
  holderOrgId: string;
  holderKind: OrgKind;
  allocatedDealerId: string | null;
  regionCode: string | null;
  channelMember: boolean;
  /** Fen actually paid by this redeem. */
  consumerReward_fen: number;
  storeReward_fen: number;
  dealerRebate_fen: number;
  rebateDealerId: string | null;
}

export interface RedeemPlan {
  redemption: RedemptionRecord;
  postings: Posting[];
  alerts: Alert[];
  penalty: PenaltyRecord | null;
  unpaid: UnpaidReward[];
  reply: RedeemRes;
}

/** Consumer prizes are not for the channel's own staff (奖品截流); brand staff are not channel. */
export function isChannelMember(person: Person): boolean {
  return person.memberships.some((m) => (CHANNEL_ORG_KINDS as readonly string[]).includes(m.kind));
}

/** The consumer reward in fen: the fixed amount, or one drawn in [min, max]. */
export function drawConsumerReward(reward: ConsumerReward, randomInt: (min: number, max: number) => number): number {
  if (typeof reward === 'number') return reward;
  if (reward.min === reward.max) return reward.min;
  const drawn = randomInt(reward.min, reward.max);
  if (!Number.isSafeInteger(drawn) || drawn < reward.min || drawn > reward.max) {
    throw new Error(`randomInt(${reward.min}, ${reward.max}) returned ${drawn}`);
  }
  return drawn;
}

export function computeRedeem(input: RedeemInput): RedeemPlan {
  assertInput(input);
  const { code, productId, policy, at, redeemer, holder } = input;
  const dealer = input.allocatedDealer;
  const alerts: Alert[] = [];
  const alert = (a: Omit<Alert, 'code' | 'productId' | 'quantity' | 'at' | 'actorUnionId' | 'allocatedDealerId'>): Alert => ({
    ...a,
    code,
    productId,
    quantity: 1,
    allocatedDealerId: dealer?.id ?? null,
    actorUnionId: redeemer.unionId,
    at,
  });
  const redemption: RedemptionRecord = {
    code,
    productId,
    unionId: redeemer.unionId,
    at,
    holderOrgId: holder.id,
    holderKind: holder.kind,
    allocatedDealerId: dealer?.id ?? null,
    regionCode: input.consumerRegionCode,
    channelMember: false,
    consumerReward_fen: 0,
    storeReward_fen: 0,
    dealerRebate_fen: 0,
    rebateDealerId: null,
  };

  // Channel staff redeeming: the code is spent, nothing at all is paid or penalised.
  if (isChannelMember(redeemer)) {
    // The observed org: the holder when the redeemer works there (strongest evidence), else their first channel org.
    const channel = redeemer.memberships.filter((m) => (CHANNEL_ORG_KINDS as readonly string[]).includes(m.kind));
    const own = channel.find((m) => m.orgId === holder.id) ?? channel[0]!;
    alerts.push(alert({ key: `prize_interception:${code}`, kind: 'prize_interception', evidence: 'channel_member', observedOrgId: own.orgId, regionCode: input.consumerRegionCode }));
    redemption.channelMember = true;
    const due = maxConsumerReward(policy.consumerReward);
    return {
      redemption,
      postings: [],
      alerts,
      penalty: null,
      unpaid: [],
      reply: { reward: 0, productId, alerts, ...(due !== 0 ? { reasonNotPaid: 'CHANNEL_MEMBER' as const } : {}) },
    };
  }

  const due: Array<{ beneficiary: Beneficiary; account: AccountId; amount_fen: number; kind: PostingKind }> = [];
  due.push({ beneficiary: 'consumer', account: personAccount(redeemer.unionId), amount_fen: drawConsumerReward(policy.consumerReward, input.randomInt), kind: 'consumer_reward' });

  let penalty: PenaltyRecord | null = null;
  if (holder.kind === 'store') {
    const rebateDealerId = holder.firstTierDealerId!;
    due.push({ beneficiary: 'store', account: orgAccount(holder.id), amount_fen: policy.storeReward, kind: 'store_reward' });
    // The rebate goes to the selling store's own first-tier dealer, even for another dealer's goods.
    // A product may send it to the dealer's rebate account with the brand instead (docs/promotions.md#rebate-programs).
    const rebateTo = policy.dealerRebateTo === 'rebate_account' ? rebateAccount(BRAND_SELLER_ID, rebateDealerId) : orgAccount(rebateDealerId);
    due.push({ beneficiary: 'rebate', account: rebateTo, amount_fen: policy.dealerRebate, kind: 'dealer_rebate' });
    redemption.rebateDealerId = rebateDealerId;
    if (dealer !== null && dealer.id !== rebateDealerId && !withinTerritory(holder.regionCode, dealer.territory)) {
      const diversion = alert({ key: `diversion:store_redeem:${code}`, kind: 'diversion', evidence: 'store_redeem', observedOrgId: holder.id, regionCode: holder.regionCode });
      alerts.push(diversion);
      // A zero penalty policy records the evidence only.
      if (policy.diversionPenalty > 0) {
        penalty = { key: `redeem:${code}:penalty`, dealerId: dealer.id, quantity: 1, amount_fen: policy.diversionPenalty, status: 'pending', code, productId, alertKey: diversion.key, at };
      }
    }
  } else {
    const evidence = holder.kind === 'brand' ? 'redeemed_unshipped' : 'redeemed_upstream';
    alerts.push(alert({ key: `prize_interception:${code}`, kind: 'prize_interception', evidence, observedOrgId: holder.id, regionCode: input.consumerRegionCode }));
    const scan = judgeConsumerScan({
      code,
      productId,
      allocatedDealer: dealer,
      storeCustody: false,
      consumerRegionCode: input.consumerRegionCode,
      holderOrgId: holder.id,
      actorUnionId: redeemer.unionId,
      at,
    });
    if (scan !== null) alerts.push(scan);
  }

  const postings: Posting[] = [];
  const unpaid: UnpaidReward[] = [];
  let budget = input.budgetAvailable_fen;
  for (const d of due) {
    if (d.amount_fen === 0) continue;
    if (d.amount_fen > budget) {
      unpaid.push({ beneficiary: d.beneficiary, account: d.account, amount_fen: d.amount_fen, reason: 'BUDGET_EXHAUSTED' });
      continue;
    }
    budget -= d.amount_fen;
    postings.push({ key: `redeem:${code}:${d.beneficiary}`, debit: BUDGET_ACCOUNT, credit: d.account, amount_fen: d.amount_fen, kind: d.kind, ref: code, at });
    if (d.beneficiary === 'consumer') redemption.consumerReward_fen = d.amount_fen;
    if (d.beneficiary === 'store') redemption.storeReward_fen = d.amount_fen;
    if (d.beneficiary === 'rebate') redemption.dealerRebate_fen = d.amount_fen;
  }

  const consumerUnpaid = unpaid.find((u) => u.beneficiary === 'consumer');
  const reply: RedeemRes = {
    reward: redemption.consumerReward_fen,
    productId,
    alerts,
    ...(consumerUnpaid ? { reasonNotPaid: consumerUnpaid.reason } : {}),
  };
  return { redemption, postings, alerts, penalty, unpaid, reply };
}

/** For the channel-member reply: whether a reward was due at all (a random one counts when its max is above 0). */
function maxConsumerReward(reward: ConsumerReward): number {
  return typeof reward === 'number' ? reward : reward.max;
}

function assertInput(input: RedeemInput): void {
  if (!Number.isSafeInteger(input.budgetAvailable_fen) || input.budgetAvailable_fen < 0) {
    throw new Error(`computeRedeem: bad budget ${input.budgetAvailable_fen}`);
  }
  if (input.holder.kind === 'store' && input.holder.firstTierDealerId === null) {
    // Every store has a first-tier dealer above it (docs/channel.md#orgs): its absence is a data bug.
    throw new Error(`computeRedeem: store ${input.holder.id} has no first-tier dealer`);
  }
  const p = input.policy;
  for (const v of [p.storeReward, p.dealerRebate, p.diversionPenalty, ...(typeof p.consumerReward === 'number' ? [p.consumerReward] : [p.consumerReward.min, p.consumerReward.max])]) {
    if (!Number.isSafeInteger(v) || v < 0) throw new Error(`computeRedeem: policy amounts must be non-negative integers of fen`);
  }
}
