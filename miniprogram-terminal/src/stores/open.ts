/**
 * Marking a case (or box) opened (拆箱): scan it → `scan.identify` says what it is and whether this
 * store may open it → the person confirms → `scan.open`. A store with no Taro in it.
 *
 * `orgId` is always sent: without it the server judges at the holder, and a case held elsewhere
 * answers FORBIDDEN instead of "scan it in first".
 */
import { createStore } from 'zustand/vanilla';
import { parseCodeInput } from '@channel-router/shared/codes/parse';
import type { IdentifyRes } from '@channel-router/shared/api';
import type { Client, ClientError } from '@channel-router/shared/client';
import { isRetryable, localError } from '@channel-router/ui/kit';

/** Why a scanned code cannot be opened here (null: it can). */
export type OpenBlock = 'item' | 'hidden' | 'not_here' | null;

export type OpenPhase =
  | { kind: 'idle' }
  | { kind: 'identifying'; code: string }
  | { kind: 'identified'; code: string; info: IdentifyRes; block: OpenBlock }
  | { kind: 'confirming'; code: string; info: IdentifyRes }
  | { kind: 'opening'; code: string; info: IdentifyRes }
  | { kind: 'opened'; code: string; info: IdentifyRes; items: number }
  | { kind: 'failed'; code: string; action: 'identify' | 'open'; error: ClientError; retryable: boolean; info?: IdentifyRes };

export interface OpenState {
  phase: OpenPhase;
  submit(text: string): Promise<void>;
  /** Confirm and open the identified case. */
  openIt(): Promise<void>;
  retry(): Promise<void>;
  reset(): void;
}

export interface OpenDeps {
  client: Client;
  /** The store the person works for now. */
  orgId: () => string | null;
  confirmOpen: (info: IdentifyRes) => Promise<boolean>;
}

export function openBlock(orgId: string, info: IdentifyRes): OpenBlock {
  if (info.kind === 'hidden') return 'hidden';
  if (info.level === 'item') return 'item';
  if (info.holderOrgId !== orgId || info.inTransitTo !== null || !info.actions.includes('open')) return 'not_here';
  return null;
}

export const BLOCK_WORDS: Readonly<Record<Exclude<OpenBlock, null>, { title: string; description: string }>> = {
  item: { title: '这是单件商品的码', description: '单件商品不需要拆箱。请扫描箱或盒外面的码。' },
  hidden: { title: '这是领奖码', description: '瓶盖内（包装内）的码是给消费者领奖的，请扫描箱或盒外面的码。' },
  not_here: { title: '这箱货不在本店库存中', description: '只能拆本店已入库的箱。请先扫码入库，再来拆箱。' },
};

/** The server's words for an open refused, in the terms of this screen. */
const OPEN_ERRORS: Partial<Record<ClientError['code'], string>> = {
  CONFLICT: '这箱货不在本店库存中，请先扫码入库',
  FORBIDDEN: '您不是这家门店的成员，不能拆箱',
  INVALID_ARGUMENT: '只有箱或盒可以拆开，请扫描箱或盒外面的码',
};

export function createOpenStore(deps: OpenDeps) {
  return createStore<OpenState>()((set, get) => {
    const busy = () => {
      const k = get().phase.kind;
      return k === 'identifying' || k === 'confirming' || k === 'opening';
    };

    const identify = async (code: string) => {
      const orgId = deps.orgId();
      if (orgId === null) {
        set({ phase: { kind: 'failed', code, action: 'identify', error: localError('请先加入门店', 'FORBIDDEN'), retryable: false } });
        return;
      }
      set({ phase: { kind: 'identifying', code } });
      const r = await deps.client.scan.identify({ code });
      if (!r.ok) {
        set({ phase: { kind: 'failed', code, action: 'identify', error: r.error, retryable: isRetryable(r.error) } });
        return;
      }
      set({ phase: { kind: 'identified', code, info: r.data, block: openBlock(orgId, r.data) } });
    };

    const open = async (code: string, info: IdentifyRes) => {
      const orgId = deps.orgId();
      if (orgId === null) return;
      set({ phase: { kind: 'opening', code, info } });
      const r = await deps.client.scan.open({ code, orgId });
      if (r.ok) {
        set({ phase: { kind: 'opened', code, info, items: r.data.items } });
        return;
      }
      const words = OPEN_ERRORS[r.error.code];
      const error = words === undefined ? r.error : { ...r.error, userMessage: words };
      set({ phase: { kind: 'failed', code, action: 'open', error, retryable: isRetryable(r.error), info } });
    };

    return {
      phase: { kind: 'idle' },
      async submit(text) {
        if (busy()) return;
        const parsed = parseCodeInput(text);
        if (!parsed.ok) {
          set({ phase: { kind: 'failed', code: text.trim().slice(0, 64), action: 'identify', error: localError('无法识别这个码，请重新扫描或核对输入', 'INVALID_CODE'), retryable: false } });
          return;
        }
        await identify(parsed.data);
      },
      async openIt() {
        const p = get().phase;
        if (p.kind !== 'identified' || p.block !== null) return;
        set({ phase: { kind: 'confirming', code: p.code, info: p.info } });
        if (!(await deps.confirmOpen(p.info))) {
          set({ phase: p });
          return;
        }
        await open(p.code, p.info);
      },
      async retry() {
        const p = get().phase;
        if (p.kind !== 'failed' || !p.retryable) return;
        if (p.action === 'identify' || p.info === undefined) await identify(p.code);
        // Already confirmed once; opening twice only records the opening again.
        else await open(p.code, p.info);
      },
      reset() {
        if (busy()) return;
        set({ phase: { kind: 'idle' } });
      },
    };
  });
}
