/**
 * Funding the reward budget (`wallet.fund`): the source of every consumer reward, store reward
 * and dealer rebate. The amount is typed in yuan and confirmed before any money moves.
 *
 * One top-up is one intent: its key is made when the person confirms, the client's automatic
 * retries and the "retry" button send that same key, so a top-up whose reply was lost is credited
 * once. Changing the amount afterwards starts a new intent.
 */
import { createStore } from 'zustand/vanilla';
import type { Client, ClientError, Intent } from '@channel-router/shared/client';
import { parseRequest } from '@channel-router/shared/validation/requests';
import { describeProblem, isRetryable, type ProblemLabels } from '@channel-router/ui/kit';
import { parseMoney } from './form-input';
import type { Load } from '@channel-router/ui/kit';

const FUND_FIELDS: ProblemLabels = { amount: { label: '充值金额', money: true } };

/** The typed amount in fen, or the problem in words. */
export function fundProblem(text: string): { fen: number | null; problem: string | null } {
  if (text.trim() === '') return { fen: null, problem: '请输入充值金额' };
  const parsed = parseMoney(text, '充值金额', '5000 或 5000.50');
  if (!parsed.ok) return { fen: null, problem: parsed.problem };
  const checked = parseRequest('wallet', 'fund', { amount: parsed.fen });
  if (!checked.ok) return { fen: parsed.fen, problem: describeProblem(checked.error, FUND_FIELDS).message };
  return { fen: parsed.fen, problem: null };
}

export interface FundState {
  budget: Load<number>;
  amountText: string;
  fieldError: string | null;
  status: 'idle' | 'submitting' | 'done' | 'failed';
  intent: Intent | null;
  amountFen: number | null;
  /** The budget after the top-up, as the server answered. */
  budgetAfter: number | null;
  error: ClientError | null;
  loadBudget(): Promise<void>;
  setAmountText(text: string): void;
  submit(): Promise<void>;
  retry(): Promise<void>;
  reset(): void;
}

export interface FundDeps {
  client: Client;
  confirmFund: (amountFen: number) => Promise<boolean>;
}

export function createFundStore(deps: FundDeps) {
  return createStore<FundState>()((set, get) => {
    const send = async () => {
      const s = get();
      if (s.intent === null || s.amountFen === null) throw new Error('fund: send without a confirmed intent');
      set({ status: 'submitting', error: null });
      const r = await deps.client.wallet.fund({ amount: s.amountFen }, { intent: s.intent });
      if (r.ok) {
        set({ status: 'done', budgetAfter: r.data.budget, budget: { status: 'ready', value: r.data.budget }, intent: null, amountText: '' });
        return;
      }
      // Keep the intent: a retry must carry the same key.
      set({ status: 'failed', error: r.error });
    };

    return {
      budget: { status: 'loading' },
      amountText: '',
      fieldError: null,
      status: 'idle',
      intent: null,
      amountFen: null,
      budgetAfter: null,
      error: null,

      async loadBudget() {
        if (get().budget.status === 'error') set({ budget: { status: 'loading' } });
        // The dashboard's totals carry the budget balance (brand staff only).
        const r = await deps.client.report.dashboard({ days: 1 });
        if (r.ok) set({ budget: { status: 'ready', value: r.data.totals.budget } });
        else if (get().budget.status !== 'ready') set({ budget: { status: 'error', error: r.error } });
      },

      setAmountText(text) {
        if (get().status === 'submitting') return;
        set({ amountText: text, fieldError: null, status: 'idle', intent: null, amountFen: null, error: null, budgetAfter: null });
      },

      async submit() {
        const s = get();
        if (s.status === 'submitting') return;
        // After a failure the same intent is retried, never silently replaced by a new one.
        if (s.status === 'failed' && s.intent !== null && s.error !== null && isRetryable(s.error)) {
          await send();
          return;
        }
        const { fen, problem } = fundProblem(s.amountText);
        if (problem !== null || fen === null) {
          set({ fieldError: problem });
          return;
        }
        set({ fieldError: null });
        if (!(await deps.confirmFund(fen))) return;
        set({ amountFen: fen, intent: deps.client.newIntent(), budgetAfter: null });
        await send();
      },

      async retry() {
        const s = get();
        if (s.status !== 'failed' || s.intent === null) return;
        await send();
      },

      reset() {
        if (get().status === 'submitting') return;
        set({ amountText: '', fieldError: null, status: 'idle', intent: null, amountFen: null, error: null, budgetAfter: null });
      },
    };
  });
}
