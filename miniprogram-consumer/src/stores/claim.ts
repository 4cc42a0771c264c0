/**
 * The consumer's main flow, as a store with no Taro in it (tested in Node):
 * scan the outside code → `scan.verify` says whether it is genuine; scan the code under the cap →
 * confirm → `scan.redeem` → the reward (or why none).
 *
 * A code may also arrive with the app: WeChat's own scanner opens the app with the code's link
 * (shared codes/link.ts). It waits as `pending` until the home screen can call (a person is
 * signed in) and is then verified, as if scanned in the verify tab.
 *
 * Retrying after a failure resends the same code; redeem is idempotent on the server per code
 * (`redeem:<code>`), so a retry never pays twice.
 */
import { createStore } from 'zustand/vanilla';
import { parseCodeInput } from '@channel-router/shared/codes/parse';
import type { RedeemRes, VerifyRes } from '@channel-router/shared/api';
import type { Location } from '@channel-router/shared/model';
import { userMessage, type Client, type ClientError, type Intent } from '@channel-router/shared/client';

export type Mode = 'verify' | 'redeem';

export type Phase =
  | { kind: 'idle' }
  | { kind: 'verifying'; code: string }
  | { kind: 'verified'; code: string; result: VerifyRes }
  /** Waiting for the person to confirm spending the code. */
  | { kind: 'confirming'; code: string }
  | { kind: 'redeeming'; code: string }
  | { kind: 'redeemed'; code: string; result: RedeemRes }
  | { kind: 'failed'; code: string; action: Mode; error: ClientError };

export interface ClaimState {
  mode: Mode;
  phase: Phase;
  /** A code the app was opened with, not yet verified. */
  pending: string | null;
  /** A code the app was opened with (canonical): verified by `openPending`. */
  arrive(code: string): void;
  /** Verifies the code the app was opened with, if any, unless a claim is under way. */
  openPending(): Promise<void>;
  setMode(mode: Mode): void;
  /** Handles a scanned or typed code in the current mode. */
  submit(text: string): Promise<void>;
  /** Sends the failed request again with the same code. */
  retry(): Promise<void>;
  reset(): void;
}

export interface ClaimDeps {
  client: Client;
  /** Asks the person before the code is spent (a redeem cannot be undone). */
  confirmRedeem: () => Promise<boolean>;
  locate?: () => Promise<Location | undefined>;
}

function invalidCode(code: string, action: Mode): Phase {
  const error: ClientError = { code: 'INVALID_CODE', message: 'rejected before sending', userMessage: userMessage('INVALID_CODE', `scan.${action}`) };
  return { kind: 'failed', code, action, error };
}

/** Errors after which the claim may still have gone through: a retry must send the same key. */
const RETRYABLE: ReadonlySet<string> = new Set(['NETWORK', 'BAD_REPLY', 'INTERNAL', 'RATE_LIMITED']);

export function createClaimStore(deps: ClaimDeps) {
  // One intent per code the person confirmed: a retry of that claim sends the same key, so a
  // lost reply is answered with the original result instead of ALREADY_REDEEMED.
  const intents = new Map<string, Intent>();
  return createStore<ClaimState>()((set, get) => {
    const busy = () => {
      const k = get().phase.kind;
      return k === 'verifying' || k === 'redeeming' || k === 'confirming';
    };

    const verify = async (code: string) => {
      set({ phase: { kind: 'verifying', code } });
      const location = await deps.locate?.();
      const r = await deps.client.scan.verify(location === undefined ? { code } : { code, location });
      set({ phase: r.ok ? { kind: 'verified', code, result: r.data } : { kind: 'failed', code, action: 'verify', error: r.error } });
    };

    const redeem = async (code: string, askFirst: boolean) => {
      if (askFirst) {
        set({ phase: { kind: 'confirming', code } });
        if (!(await deps.confirmRedeem())) {
          set({ phase: { kind: 'idle' } });
          return;
        }
      }
      set({ phase: { kind: 'redeeming', code } });
      const location = await deps.locate?.();
      const intent = intents.get(code) ?? deps.client.newIntent();
      intents.set(code, intent);
      const r = await deps.client.scan.redeem(location === undefined ? { code } : { code, location }, { intent });
      // A final answer ends the claim: scanning the code again later is a new claim (a spent
      // code then says so) rather than a replay of this one's reward. Only a reply that may have
      // been lost keeps the key for the retry.
      if (r.ok || !RETRYABLE.has(r.error.code)) intents.delete(code);
      set({ phase: r.ok ? { kind: 'redeemed', code, result: r.data } : { kind: 'failed', code, action: 'redeem', error: r.error } });
    };

    return {
      mode: 'verify',
      phase: { kind: 'idle' },
      pending: null,
      arrive(code) {
        const parsed = parseCodeInput(code);
        if (!parsed.ok) throw new Error('arrive: not a canonical code'); // the caller parsed it: a bug
        set({ pending: parsed.data });
      },
      async openPending() {
        const code = get().pending;
        if (code === null || busy()) return;
        set({ pending: null, mode: 'verify' });
        await verify(code);
      },
      setMode(mode) {
        if (busy()) return;
        set({ mode, phase: { kind: 'idle' } });
      },
      async submit(text) {
        if (busy()) return;
        const mode = get().mode;
        const parsed = parseCodeInput(text);
        // A malformed code is answered at once: no round trip, same words as the server's.
        if (!parsed.ok) {
          set({ phase: invalidCode(text.trim().slice(0, 64), mode) });
          return;
        }
        if (mode === 'verify') await verify(parsed.data);
        else await redeem(parsed.data, true);
      },
      async retry() {
        const phase = get().phase;
        if (phase.kind !== 'failed') return;
        if (phase.action === 'verify') await verify(phase.code);
        // The person already confirmed this redeem; asking again would only get in the way.
        else await redeem(phase.code, false);
      },
      reset() {
        if (busy()) return;
        set({ phase: { kind: 'idle' } });
      },
    };
  });
}
