/**
 * The consumer's wallet: balance, history (paged), the withdrawals and where each stands
 * (审核中 → 已到账, or returned), and withdrawing with a confirmation.
 * No Taro here (tested in Node); the page passes `confirmWithdraw`.
 *
 * A withdrawal is one intent: the key is made when the person confirms, and "retry" after a
 * failure sends the same key, so a withdrawal whose reply was lost is not made twice.
 */
import { createStore } from 'zustand/vanilla';
import { formatFen, parseYuan } from '@channel-router/shared/src/money.js';
import type { LedgerEntryView, WithdrawalView, WithdrawRes } from '@channel-router/shared/src/api/actions.js';
import type { Client, ClientError, Intent } from '@channel-router/shared/src/client/index.js';

/** The smallest withdrawal (docs/wallets.md#limits). */
export const MIN_WITHDRAW_FEN = 10;
/** History page size (the server caps it at 100). */
export const HISTORY_PAGE = 20;
/** Pages kept in memory; beyond this the list stops growing (a person can reload). */
export const MAX_HISTORY_PAGES = 25;
/** Withdrawals shown: the most recent ones (the history has every posting). */
export const MAX_WITHDRAWALS_SHOWN = 10;

export type Load<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: ClientError };

export interface WithdrawState {
  amountText: string;
  fieldError: string | null;
  status: 'idle' | 'submitting' | 'done' | 'failed';
  intent: Intent | null;
  amountFen: number | null;
  result: WithdrawRes | null;
  error: ClientError | null;
}

export interface WalletState {
  balance: Load<{ balance: number; reserved: number }>;
  entries: LedgerEntryView[];
  history: { status: 'idle' | 'loading' | 'error'; cursor: string | null; pages: number; error: ClientError | null; loaded: boolean };
  /** The person's own withdrawals, newest first (at most MAX_WITHDRAWALS_SHOWN). */
  withdrawals: Load<WithdrawalView[]>;
  withdraw: WithdrawState;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  setAmountText(text: string): void;
  /** Validates, asks, then sends. Resolves when done (or declined). */
  submitWithdraw(): Promise<void>;
  retryWithdraw(): Promise<void>;
  resetWithdraw(): void;
}

export interface WalletDeps {
  client: Client;
  confirmWithdraw: (amountFen: number) => Promise<boolean>;
}

const EMPTY_WITHDRAW: WithdrawState = { amountText: '', fieldError: null, status: 'idle', intent: null, amountFen: null, result: null, error: null };

/** Checks a typed amount against the rules and the balance; null when fine. */
export function withdrawProblem(amountText: string, balanceFen: number | null): { fen: number | null; problem: string | null } {
  if (amountText.trim() === '') return { fen: null, problem: '请输入提现金额' };
  const parsed = parseYuan(amountText);
  if (!parsed.ok) return { fen: null, problem: '请输入正确的金额，例如 5 或 5.20' };
  const fen = parsed.data;
  if (fen < MIN_WITHDRAW_FEN) return { fen, problem: `最少提现 ${formatFen(MIN_WITHDRAW_FEN)}` };
  if (balanceFen !== null && fen > balanceFen) return { fen, problem: `超过可提现余额 ${formatFen(balanceFen)}` };
  return { fen, problem: null };
}

export function createWalletStore(deps: WalletDeps) {
  return createStore<WalletState>()((set, get) => {
    const loadBalance = async () => {
      const r = await deps.client.wallet.balance({});
      set({ balance: r.ok ? { status: 'ready', value: { balance: r.data.balance, reserved: r.data.reserved ?? 0 } } : { status: 'error', error: r.error } });
    };

    const loadWithdrawals = async () => {
      const r = await deps.client.wallet.listWithdrawals({});
      set({ withdrawals: r.ok ? { status: 'ready', value: r.data.withdrawals.slice(0, MAX_WITHDRAWALS_SHOWN) } : { status: 'error', error: r.error } });
    };

    const loadHistory = async (cursor: string | null) => {
      const h = get().history;
      if (h.status === 'loading') return;
      set({ history: { ...h, status: 'loading', error: null } });
      const r = await deps.client.wallet.history(cursor === null ? { limit: HISTORY_PAGE } : { cursor, limit: HISTORY_PAGE });
      const now = get().history;
      if (!r.ok) {
        set({ history: { ...now, status: 'error', error: r.error } });
        return;
      }
      const entries = cursor === null ? r.data.entries : [...get().entries, ...r.data.entries];
      set({ entries, history: { status: 'idle', cursor: r.data.cursor, pages: cursor === null ? 1 : now.pages + 1, error: null, loaded: true } });
    };

    const send = async () => {
      const w = get().withdraw;
      if (w.intent === null || w.amountFen === null) throw new Error('send: no confirmed withdrawal');
      set({ withdraw: { ...w, status: 'submitting', error: null } });
      const r = await deps.client.wallet.withdraw({ amount: w.amountFen }, { intent: w.intent });
      if (r.ok) {
        set({ withdraw: { ...get().withdraw, status: 'done', result: r.data, intent: null, amountText: '' } });
        await Promise.all([loadBalance(), loadHistory(null), loadWithdrawals()]);
      } else {
        // Keep the intent: "retry" must send the same key.
        set({ withdraw: { ...get().withdraw, status: 'failed', error: r.error } });
      }
    };

    return {
      balance: { status: 'loading' },
      entries: [],
      history: { status: 'idle', cursor: null, pages: 0, error: null, loaded: false },
      withdrawals: { status: 'loading' },
      withdraw: EMPTY_WITHDRAW,
      async load() {
        set({ balance: { status: 'loading' } });
        await Promise.all([loadBalance(), loadHistory(null), loadWithdrawals()]);
      },
      async loadMore() {
        const h = get().history;
        if (h.cursor === null || h.pages >= MAX_HISTORY_PAGES) return;
        await loadHistory(h.cursor);
      },
      setAmountText(text) {
        const w = get().withdraw;
        if (w.status === 'submitting') return;
        // Editing the amount after a failure starts a new intent.
        set({ withdraw: { ...EMPTY_WITHDRAW, amountText: text } });
      },
      async submitWithdraw() {
        const w = get().withdraw;
        if (w.status === 'submitting') return;
        const b = get().balance;
        const { fen, problem } = withdrawProblem(w.amountText, b.status === 'ready' ? b.value.balance : null);
        if (problem !== null || fen === null) {
          set({ withdraw: { ...w, fieldError: problem } });
          return;
        }
        set({ withdraw: { ...w, fieldError: null } });
        if (!(await deps.confirmWithdraw(fen))) return;
        set({ withdraw: { ...get().withdraw, amountFen: fen, intent: deps.client.newIntent(), status: 'idle', result: null, error: null } });
        await send();
      },
      async retryWithdraw() {
        const w = get().withdraw;
        if (w.status !== 'failed' || w.intent === null) return;
        await send();
      },
      resetWithdraw() {
        if (get().withdraw.status === 'submitting') return;
        set({ withdraw: EMPTY_WITHDRAW });
      },
    };
  });
}
