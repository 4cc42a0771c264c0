/**
 * The org wallet (rebates, 返利): balance, history (paged), withdrawals, and withdrawing — for an
 * org's owner only (the server checks: `orgId` with the owner's membership).
 *
 * A withdrawal is one intent: its idempotency key is made once, when the owner confirms, and
 * "retry" after a failure sends the same key, so a withdrawal whose reply was lost is never made
 * twice. Changing the amount after a failure starts a new intent.
 */
import { createStore } from 'zustand/vanilla';
import { formatFen, parseYuan } from '@channel-router/shared/src/money.js';
import type { LedgerEntryView, WithdrawalView, WithdrawRes } from '@channel-router/shared/src/api/actions.js';
import type { Client, ClientError, Intent } from '@channel-router/shared/src/client/index.js';
import { latest, MAX_PAGES, type Load } from './load';
import { checkedRequest, isRetryable } from './problems';

/** The smallest withdrawal (docs/wallets.md#limits). */
export const MIN_WITHDRAW_FEN = 10;
/** History page size (the server caps it at 100). */
export const HISTORY_PAGE = 20;

export interface WithdrawState {
  amountText: string;
  fieldError: string | null;
  status: 'idle' | 'confirming' | 'submitting' | 'done' | 'failed';
  intent: Intent | null;
  amountFen: number | null;
  result: WithdrawRes | null;
  error: ClientError | null;
}

export interface HistoryState {
  status: 'idle' | 'loading' | 'more' | 'ready' | 'error';
  entries: LedgerEntryView[];
  cursor: string | null;
  pages: number;
  error: ClientError | null;
}

export interface WalletState {
  orgId: string | null;
  balance: Load<{ balance: number; reserved: number }>;
  history: HistoryState;
  withdrawals: Load<WithdrawalView[]>;
  withdraw: WithdrawState;
  /** Loads everything for `orgId` (clearing another org's figures first). */
  load(orgId: string): Promise<void>;
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
}

const EMPTY_WITHDRAW: WithdrawState = { amountText: '', fieldError: null, status: 'idle', intent: null, amountFen: null, result: null, error: null };
const EMPTY_HISTORY: HistoryState = { status: 'idle', entries: [], cursor: null, pages: 0, error: null };

/** Checks a typed amount against the rules and the balance: the fen, or the problem in words. */
export function withdrawProblem(amountText: string, balanceFen: number | null): { fen: number | null; problem: string | null } {
  if (amountText.trim() === '') return { fen: null, problem: '请填写提现金额' };
  const parsed = parseYuan(amountText);
  if (!parsed.ok) return { fen: null, problem: '提现金额格式不对，例如 5 或 5.20' };
  const fen = parsed.data;
  if (fen < MIN_WITHDRAW_FEN) return { fen, problem: `提现金额最少 ${formatFen(MIN_WITHDRAW_FEN)}` };
  if (balanceFen !== null && fen > balanceFen) return { fen, problem: `提现金额超过可提现余额 ${formatFen(balanceFen)}` };
  return { fen, problem: null };
}

/** Words for a failed withdrawal (the org wallet's wording). */
export function withdrawFailureMessage(error: ClientError): string {
  if (error.code === 'FORBIDDEN') return '只有老板可以从单位账户提现';
  return error.userMessage;
}

export function createWalletStore(deps: WalletDeps) {
  return createStore<WalletState>()((set, get) => {
    const gen = latest();

    const loadBalance = async (orgId: string, mine: number) => {
      const r = await deps.client.wallet.balance({ orgId });
      if (!gen.isLatest(mine)) return;
      set({ balance: r.ok ? { status: 'ready', value: { balance: r.data.balance, reserved: r.data.reserved ?? 0 } } : { status: 'error', error: r.error } });
    };

    const loadHistory = async (orgId: string, cursor: string | null, mine: number) => {
      const h = get().history;
      set({ history: { ...h, status: cursor === null ? 'loading' : 'more', error: null } });
      const r = await deps.client.wallet.history(cursor === null ? { orgId, limit: HISTORY_PAGE } : { orgId, cursor, limit: HISTORY_PAGE });
      if (!gen.isLatest(mine)) return;
      const now = get().history;
      if (!r.ok) {
        set({ history: { ...now, status: 'error', error: r.error } });
        return;
      }
      const entries = cursor === null ? r.data.entries : [...now.entries, ...r.data.entries];
      set({ history: { status: 'ready', entries, cursor: r.data.cursor, pages: cursor === null ? 1 : now.pages + 1, error: null } });
    };

    const loadWithdrawals = async (orgId: string, mine: number) => {
      const r = await deps.client.wallet.listWithdrawals({ orgId });
      if (!gen.isLatest(mine)) return;
      set({ withdrawals: r.ok ? { status: 'ready', value: r.data.withdrawals } : { status: 'error', error: r.error } });
    };

    const refresh = async (orgId: string) => {
      const mine = gen.next();
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
      } else {
        // Keep the intent: "retry" must send the same key.
        set({ withdraw: { ...get().withdraw, status: 'failed', error: r.error } });
      }
    };

    return {
      orgId: null,
      balance: { status: 'idle' },
      history: EMPTY_HISTORY,
      withdrawals: { status: 'idle' },
      withdraw: EMPTY_WITHDRAW,

      async load(orgId) {
        const w = get().withdraw.status;
        if (get().orgId !== orgId) {
          // Another org's money must never show under this one; an unsent withdrawal belongs to its org.
          if (w === 'submitting' || w === 'confirming') return;
          set({ orgId, history: EMPTY_HISTORY, withdrawals: { status: 'loading' }, withdraw: EMPTY_WITHDRAW });
        }
        set({ balance: { status: 'loading' } });
        await refresh(orgId);
      },

      async loadMore() {
        const { orgId, history: h } = get();
        if (orgId === null || h.cursor === null || h.status === 'loading' || h.status === 'more' || h.pages >= MAX_PAGES) return;
        await loadHistory(orgId, h.cursor, gen.next());
      },

      setAmountText(text) {
        const w = get().withdraw;
        if (w.status === 'submitting' || w.status === 'confirming') return;
        // Editing the amount starts a new intent (a failed one is abandoned).
        set({ withdraw: { ...EMPTY_WITHDRAW, amountText: text } });
      },

      withdrawAll() {
        const b = get().balance;
        if (b.status !== 'ready' || b.value.balance <= 0) return;
        get().setAmountText(formatFen(b.value.balance, { symbol: false }));
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
        const intent = deps.client.newIntent();
        // The server's own schema, with the key that will be sent: what passes here is accepted there.
        const checked = checkedRequest('wallet', 'withdraw', { amount: fen, orgId, requestId: intent });
        if (!checked.ok) {
          set({ withdraw: { ...w, fieldError: checked.problem.message } });
          return;
        }
        set({ withdraw: { ...w, fieldError: null, status: 'confirming' } });
        if (!(await deps.confirmWithdraw(fen))) {
          set({ withdraw: { ...get().withdraw, status: 'idle' } });
          return;
        }
        set({ withdraw: { ...get().withdraw, amountFen: fen, intent, status: 'idle', result: null, error: null } });
        await send();
      },

      async retryWithdraw() {
        const w = get().withdraw;
        if (w.status !== 'failed' || w.intent === null || !isRetryable(w.error ?? { code: 'NETWORK', message: '', userMessage: '' })) return;
        await send();
      },

      resetWithdraw() {
        const w = get().withdraw.status;
        if (w === 'submitting' || w === 'confirming') return;
        set({ withdraw: EMPTY_WITHDRAW });
      },
    };
  });
}
