/**
 * The store's wallet (owner only; the server checks it too): balance, history (paged), the
 * store's withdrawals, and withdrawing with a confirmation. No Taro here (tested in Node).
 *
 * A withdrawal is one intent: its idempotency key is made when the owner confirms, and "retry"
 * after a failure sends the same key, so a withdrawal whose reply was lost is never made twice.
 * Changing the amount starts a new intent.
 */
import { createStore } from 'zustand/vanilla';
import { formatFen, parseYuan } from '@channel-router/shared/src/money.js';
import type { LedgerEntryView, WithdrawalView, WithdrawRes } from '@channel-router/shared/src/api/actions.js';
import type { Client, ClientError, Intent } from '@channel-router/shared/src/client/index.js';
import { isRetryable, type Load } from './load';
import { checkRequest } from './validation';

/** The smallest withdrawal (docs/wallets.md#limits). */
export const MIN_WITHDRAW_FEN = 10;
/** History page size (the server caps it at 100). */
export const HISTORY_PAGE = 20;
/** Pages kept in memory; beyond this the list stops growing (the owner can reload). */
export const MAX_HISTORY_PAGES = 25;
/** Withdrawals shown (newest first). */
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
  loaded: boolean;
}

export interface WalletState {
  orgId: string | null;
  balance: Load<{ balance: number; reserved: number }>;
  entries: LedgerEntryView[];
  history: HistoryState;
  withdrawals: Load<WithdrawalView[]>;
  withdraw: WithdrawState;
  load(orgId: string): Promise<void>;
  loadMore(): Promise<void>;
  setAmountText(text: string): void;
  /** Validates, asks, then sends. */
  submitWithdraw(): Promise<void>;
  retryWithdraw(): Promise<void>;
  resetWithdraw(): void;
}

export interface WalletDeps {
  client: Client;
  confirmWithdraw: (amountFen: number) => Promise<boolean>;
}

const EMPTY_WITHDRAW: WithdrawState = { amountText: '', fieldError: null, status: 'idle', intent: null, amountFen: null, result: null, error: null, retryable: false };
const EMPTY_HISTORY: HistoryState = { status: 'idle', cursor: null, pages: 0, error: null, loaded: false };

/** Checks a typed amount against the rules and the balance; `problem` null when fine. */
export function withdrawProblem(amountText: string, balanceFen: number | null): { fen: number | null; problem: string | null } {
  if (amountText.trim() === '') return { fen: null, problem: '请输入提现金额' };
  const parsed = parseYuan(amountText);
  if (!parsed.ok) return { fen: null, problem: '提现金额格式不对，例如 5 或 5.20' };
  const fen = parsed.data;
  if (fen < MIN_WITHDRAW_FEN) return { fen, problem: `提现金额最少 ${formatFen(MIN_WITHDRAW_FEN)}` };
  if (balanceFen !== null && fen > balanceFen) return { fen, problem: `提现金额超过可提现余额 ${formatFen(balanceFen)}` };
  return { fen, problem: null };
}

/** The server's words for a refused withdrawal, for a store's owner. */
const WITHDRAW_WORDS: Partial<Record<ClientError['code'], string>> = {
  FORBIDDEN: '只有店主可以提现门店钱包',
};

export function createWalletStore(deps: WalletDeps) {
  return createStore<WalletState>()((set, get) => {
    let generation = 0;

    const loadBalance = async (orgId: string, mine: number) => {
      const r = await deps.client.wallet.balance({ orgId });
      if (mine !== generation) return;
      set({ balance: r.ok ? { status: 'ready', value: { balance: r.data.balance, reserved: r.data.reserved ?? 0 } } : { status: 'error', error: r.error } });
    };

    const loadHistory = async (orgId: string, cursor: string | null, mine: number) => {
      const h = get().history;
      if (h.status === 'loading' && cursor !== null) return;
      set({ history: { ...h, status: 'loading', error: null } });
      const r = await deps.client.wallet.history(cursor === null ? { orgId, limit: HISTORY_PAGE } : { orgId, cursor, limit: HISTORY_PAGE });
      if (mine !== generation) return;
      const now = get().history;
      if (!r.ok) {
        set({ history: { ...now, status: 'error', error: r.error } });
        return;
      }
      const entries = cursor === null ? r.data.entries : [...get().entries, ...r.data.entries];
      set({ entries, history: { status: 'idle', cursor: r.data.cursor, pages: cursor === null ? 1 : now.pages + 1, error: null, loaded: true } });
    };

    const loadWithdrawals = async (orgId: string, mine: number) => {
      const r = await deps.client.wallet.listWithdrawals({ orgId });
      if (mine !== generation) return;
      if (!r.ok) {
        set({ withdrawals: { status: 'error', error: r.error } });
        return;
      }
      const list = [...r.data.withdrawals].sort((a, b) => b.requestedAt - a.requestedAt).slice(0, MAX_WITHDRAWALS_SHOWN);
      set({ withdrawals: { status: 'ready', value: list } });
    };

    const refresh = async (orgId: string) => {
      const mine = ++generation;
      await Promise.all([loadBalance(orgId, mine), loadHistory(orgId, null, mine), loadWithdrawals(orgId, mine)]);
    };

    const send = async () => {
      const w = get().withdraw;
      const orgId = get().orgId;
      if (w.intent === null || w.amountFen === null || orgId === null) throw new Error('send: no confirmed withdrawal');
      set({ withdraw: { ...w, status: 'submitting', error: null } });
      const r = await deps.client.wallet.withdraw({ amount: w.amountFen, orgId }, { intent: w.intent });
      if (r.ok) {
        set({ withdraw: { ...get().withdraw, status: 'done', result: r.data, intent: null, amountText: '' } });
        await refresh(orgId);
        return;
      }
      const words = WITHDRAW_WORDS[r.error.code];
      const error = words === undefined ? r.error : { ...r.error, userMessage: words };
      // Keep the intent: "retry" must send the same key.
      set({ withdraw: { ...get().withdraw, status: 'failed', error, retryable: isRetryable(r.error) } });
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
          // Another store's wallet: nothing of the previous one may stay on screen.
          set({ orgId, balance: { status: 'loading' }, entries: [], history: EMPTY_HISTORY, withdrawals: { status: 'loading' }, withdraw: EMPTY_WITHDRAW });
        } else if (get().balance.status === 'error') {
          set({ balance: { status: 'loading' } });
        }
        await refresh(orgId);
      },
      async loadMore() {
        const { orgId, history: h } = get();
        if (orgId === null || h.cursor === null || h.status === 'loading' || h.pages >= MAX_HISTORY_PAGES) return;
        await loadHistory(orgId, h.cursor, generation);
      },
      setAmountText(text) {
        const w = get().withdraw;
        if (w.status === 'submitting' || w.status === 'confirming') return;
        // Editing the amount after a failure starts a new intent.
        set({ withdraw: { ...EMPTY_WITHDRAW, amountText: text } });
      },
      async submitWithdraw() {
        const w = get().withdraw;
        const orgId = get().orgId;
        if (w.status === 'submitting' || w.status === 'confirming' || orgId === null) return;
        const b = get().balance;
        const { fen, problem } = withdrawProblem(w.amountText, b.status === 'ready' ? b.value.balance : null);
        if (problem !== null || fen === null) {
          set({ withdraw: { ...w, fieldError: problem } });
          return;
        }
        // The server's own schema, with a placeholder key (the real one is made on confirmation).
        const checked = checkRequest('wallet', 'withdraw', { amount: fen, orgId, requestId: 'checking-only' });
        if (!checked.ok) {
          set({ withdraw: { ...w, fieldError: checked.problem.message } });
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
        const s = get().withdraw.status;
        if (s === 'submitting' || s === 'confirming') return;
        set({ withdraw: EMPTY_WITHDRAW });
      },
    };
  });
}
