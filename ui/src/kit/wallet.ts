/**
 * One wallet for every app that has one: a person's (the consumer) or an org's (a store's or a
 * dealer's; owner only, the server checks it too). Balance, history (paged), the withdrawals and
 * where each stands, and withdrawing with a confirmation. No Taro here (tested in Node).
 *
 * A withdrawal is one intent: its idempotency key is made when the person confirms, and "retry"
 * after a failure sends the same key, so a withdrawal whose reply was lost is never made twice.
 * Changing the amount starts a new intent. The smallest withdrawal is the shared policy's.
 */
import { createStore } from 'zustand/vanilla';
import type { LedgerEntryView, WithdrawalView, WithdrawRes } from '@channel-router/shared/api';
import type { Client, ClientError, Intent } from '@channel-router/shared/client';
import { formatFen, parseYuan } from '@channel-router/shared/money';
import { DEFAULT_WITHDRAWAL_POLICY } from '@channel-router/shared/wallet/policy';
import { isRetryable, latest, type Load } from './load';

/** The smallest withdrawal (the shared withdrawal policy; the server refuses less). */
export const MIN_WITHDRAW_FEN = DEFAULT_WITHDRAWAL_POLICY.minAmount_fen;
/** History page size (the server caps it at 100). */
export const HISTORY_PAGE = 20;
/** Pages kept in memory; beyond this the list stops growing (the person can reload). */
export const MAX_HISTORY_PAGES = 25;
/** Withdrawals shown (newest first); the history has every posting. */
export const MAX_WITHDRAWALS_SHOWN = 20;

export interface WithdrawState {
  amountText: string;
  fieldError: string | null;
  status: 'idle' | 'confirming' | 'submitting' | 'done' | 'failed';
  intent: Intent | null;
  amountFen: number | null;
  result: WithdrawRes | null;
  error: ClientError | null;
  retryable: boolean;
}

export interface HistoryState {
  status: 'idle' | 'loading' | 'error';
  cursor: string | null;
  pages: number;
  error: ClientError | null;
  /** The first page has arrived (an empty history can be said so). */
  loaded: boolean;
}

export interface WalletState {
  /** The org whose wallet this is; null: the person's own. */
  orgId: string | null;
  balance: Load<{ balance: number; reserved: number }>;
  entries: LedgerEntryView[];
  history: HistoryState;
  withdrawals: Load<WithdrawalView[]>;
  withdraw: WithdrawState;
  /** Loads everything for the org (null: the person), clearing another wallet's figures first. */
  load(orgId: string | null): Promise<void>;
  loadMore(): Promise<void>;
  setAmountText(text: string): void;
  /** Fills in the whole balance. */
  withdrawAll(): void;
  /** Validates, asks, then sends. */
  submitWithdraw(): Promise<void>;
  retryWithdraw(): Promise<void>;
  resetWithdraw(): void;
}

export interface WalletDeps {
  client: Client;
  confirmWithdraw: (amountFen: number) => Promise<boolean>;
  /** Who may withdraw from this wallet, said when the server answers FORBIDDEN. */
  forbidden?: string;
}

const EMPTY_WITHDRAW: WithdrawState = { amountText: '', fieldError: null, status: 'idle', intent: null, amountFen: null, result: null, error: null, retryable: false };
const EMPTY_HISTORY: HistoryState = { status: 'idle', cursor: null, pages: 0, error: null, loaded: false };

/**
 * Checks a typed amount against the policy and the balance: the fen, and the problem in words
 * (null when fine). This is all the withdraw request's schema asks of the amount (a whole number
 * of fen, at least the minimum, at most MAX_FEN: parseYuan's bound), so the request schemas are
 * not needed here (they would add every action's schema to the consumer's package).
 */
export function withdrawProblem(amountText: string, balanceFen: number | null): { fen: number | null; problem: string | null } {
  if (amountText.trim() === '') return { fen: null, problem: '请填写提现金额' };
  const parsed = parseYuan(amountText);
  if (!parsed.ok) return { fen: null, problem: '提现金额格式不对，例如 5 或 5.20' };
  const fen = parsed.data;
  if (fen < MIN_WITHDRAW_FEN) return { fen, problem: `提现金额最少 ${formatFen(MIN_WITHDRAW_FEN)}` };
  if (balanceFen !== null && fen > balanceFen) return { fen, problem: `提现金额超过可提现余额 ${formatFen(balanceFen)}` };
  return { fen, problem: null };
}

export function createWallet(deps: WalletDeps) {
  return createStore<WalletState>()((set, get) => {
    const gen = latest();
    /** The org of a request (omitted for the person's own wallet). */
    const who = (orgId: string | null) => (orgId === null ? {} : { orgId });

    const loadBalance = async (orgId: string | null, mine: number) => {
      const r = await deps.client.wallet.balance(who(orgId));
      if (!gen.isLatest(mine)) return;
      set({ balance: r.ok ? { status: 'ready', value: { balance: r.data.balance, reserved: r.data.reserved ?? 0 } } : { status: 'error', error: r.error } });
    };

    const loadHistory = async (orgId: string | null, cursor: string | null, mine: number) => {
      const h = get().history;
      if (h.status === 'loading' && cursor !== null) return;
      set({ history: { ...h, status: 'loading', error: null } });
      const r = await deps.client.wallet.history(cursor === null ? { ...who(orgId), limit: HISTORY_PAGE } : { ...who(orgId), cursor, limit: HISTORY_PAGE });
      if (!gen.isLatest(mine)) return;
      const now = get().history;
      if (!r.ok) {
        set({ history: { ...now, status: 'error', error: r.error } });
        return;
      }
      const entries = cursor === null ? r.data.entries : [...get().entries, ...r.data.entries];
      set({ entries, history: { status: 'idle', cursor: r.data.cursor, pages: cursor === null ? 1 : now.pages + 1, error: null, loaded: true } });
    };

    const loadWithdrawals = async (orgId: string | null, mine: number) => {
      const r = await deps.client.wallet.listWithdrawals(who(orgId));
      if (!gen.isLatest(mine)) return;
      if (!r.ok) {
        set({ withdrawals: { status: 'error', error: r.error } });
        return;
      }
      const list = [...r.data.withdrawals].sort((a, b) => b.requestedAt - a.requestedAt).slice(0, MAX_WITHDRAWALS_SHOWN);
      set({ withdrawals: { status: 'ready', value: list } });
    };

    const refresh = async (orgId: string | null) => {
      const mine = gen.next();
      await Promise.all([loadBalance(orgId, mine), loadHistory(orgId, null, mine), loadWithdrawals(orgId, mine)]);
    };

    const send = async () => {
      const w = get().withdraw;
      const orgId = get().orgId;
      if (w.intent === null || w.amountFen === null) throw new Error('send: no confirmed withdrawal');
      set({ withdraw: { ...w, status: 'submitting', error: null } });
      const r = await deps.client.wallet.withdraw({ amount: w.amountFen, ...who(orgId) }, { intent: w.intent });
      if (r.ok) {
        set({ withdraw: { ...get().withdraw, status: 'done', result: r.data, intent: null, amountText: '' } });
        await refresh(orgId);
        return;
      }
      const error = r.error.code === 'FORBIDDEN' && deps.forbidden !== undefined ? { ...r.error, userMessage: deps.forbidden } : r.error;
      // Keep the intent: "retry" must send the same key.
      set({ withdraw: { ...get().withdraw, status: 'failed', error, retryable: isRetryable(r.error) } });
    };

    const busy = () => {
      const s = get().withdraw.status;
      return s === 'submitting' || s === 'confirming';
    };

    return {
      orgId: null,
      balance: { status: 'loading' },
      entries: [],
      history: EMPTY_HISTORY,
      withdrawals: { status: 'loading' },
      withdraw: EMPTY_WITHDRAW,
      async load(orgId) {
        if (get().orgId !== orgId) {
          // Another wallet: nothing of the previous one may stay on screen.
          set({ orgId, balance: { status: 'loading' }, entries: [], history: EMPTY_HISTORY, withdrawals: { status: 'loading' }, withdraw: EMPTY_WITHDRAW });
        } else if (get().balance.status === 'error') {
          set({ balance: { status: 'loading' } });
        }
        await refresh(orgId);
      },
      async loadMore() {
        const { orgId, history: h } = get();
        if (h.cursor === null || h.status === 'loading' || h.pages >= MAX_HISTORY_PAGES) return;
        const mine = gen.next();
        await loadHistory(orgId, h.cursor, mine);
      },
      setAmountText(text) {
        if (busy()) return;
        // Editing the amount after a failure starts a new intent.
        set({ withdraw: { ...EMPTY_WITHDRAW, amountText: text } });
      },
      withdrawAll() {
        const b = get().balance;
        if (b.status !== 'ready' || b.value.balance <= 0) return;
        get().setAmountText(formatFen(b.value.balance, { symbol: false }));
      },
      async submitWithdraw() {
        const w = get().withdraw;
        if (busy()) return;
        const b = get().balance;
        const { fen, problem } = withdrawProblem(w.amountText, b.status === 'ready' ? b.value.balance : null);
        if (problem !== null || fen === null) {
          set({ withdraw: { ...w, fieldError: problem } });
          return;
        }
        set({ withdraw: { ...w, fieldError: null, status: 'confirming' } });
        if (!(await deps.confirmWithdraw(fen))) {
          set({ withdraw: { ...get().withdraw, status: 'idle' } });
          return;
        }
        set({ withdraw: { ...get().withdraw, amountFen: fen, intent: deps.client.newIntent(), status: 'idle', result: null, error: null } });
        await send();
      },
      async retryWithdraw() {
        const w = get().withdraw;
        if (w.status !== 'failed' || w.intent === null) return;
        await send();
      },
      resetWithdraw() {
        if (busy()) return;
        set({ withdraw: EMPTY_WITHDRAW });
      },
    };
  });
}

export type WalletStore = ReturnType<typeof createWallet>;
