/**
 * Stock-in (扫码入库), as a store with no Taro in it (tested in Node).
 *
 * The clerk scans code after code into a running list. Each code is parsed at once (a malformed
 * one is refused with no request), duplicates are ignored, and each new code is asked about with
 * `scan.identify` in the background: product, level, items inside, and whether the goods come from
 * another dealer than the store's own (`notFromYourDealer`, a warning badge). One submit sends the
 * list with `scan.receive` (at most 1,000 codes, checked with the server's schema first); goods
 * from another dealer are confirmed before sending; the reply's diversion alerts are summarised.
 *
 * Nothing is lost when the network fails: the list is kept in storage until a submit succeeds,
 * and "retry" sends exactly the same request again. `scan.receive` has no idempotency key in the
 * contract; it does not need one: receiving what the store already holds changes nothing and
 * raises no second alert on the server (custody/plan.ts `alreadyHeldCodes`, alert keys).
 */
import { createStore } from 'zustand/vanilla';
import { parseCodeInput } from '@channel-router/shared/src/codes/parse.js';
import type { IdentifyRes } from '@channel-router/shared/src/api/actions.js';
import type { Alert, UnitLevel } from '@channel-router/shared/src/model.js';
import { MAX_CODES_PER_CALL } from '@channel-router/shared/src/validation/index.js';
import type { Client, ClientError } from '@channel-router/shared/src/client/index.js';
import { isRetryable } from './load';
import { STORAGE_KEYS, type KeyValueStore } from './storage';
import { checkRequest } from './validation';

/** The list holds at most what one `scan.receive` call may carry (docs/actions.md#bad-input). */
export const MAX_LIST = MAX_CODES_PER_CALL;
/** Identify requests in flight at once; more scans wait their turn. */
export const IDENTIFY_CONCURRENCY = 4;

/** Same shape as the UI kit's `ScanFeedback` (stores import no UI). */
export interface ScanFeedback {
  tone: 'success' | 'warning' | 'danger' | 'info';
  text: string;
  accepted: boolean;
}

export type EntryState =
  /** `scan.identify` asked (or queued). */
  | 'checking'
  /** Can be received. */
  | 'ok'
  /** Could not be checked (network): still sent, the server decides. */
  | 'unchecked'
  /** The store holds it already: not sent again. */
  | 'in_stock'
  /** Not a stock-in code (forged, the reward code under a cap, unknown): not sent. */
  | 'rejected';

export interface ScanEntry {
  /** Canonical code (26 characters). */
  code: string;
  /** Scan order. */
  seq: number;
  state: EntryState;
  level?: UnitLevel;
  productName?: string;
  items?: number;
  holderName?: string | null;
  /** Allocated to another dealer than the one supplying this store (diversion risk). */
  foreign: boolean;
  /** Shipped to this store and waiting for its scan. */
  expected: boolean;
  /** Why it is rejected or unchecked, in plain words. */
  note?: string;
}

export interface ReceiveOutcome {
  /** Items received (inside the scanned units). */
  items: number;
  /** Codes sent. */
  codes: number;
  /** Diversion alerts raised by this stock-in. */
  alerts: Alert[];
  /** Codes the list had flagged as another dealer's goods before sending. */
  foreignCodes: string[];
  /** Codes left out (already in stock, or not stock-in codes). */
  skipped: number;
  /** Product names of the codes sent, as identify told them (for the alerts' rows). */
  names: Record<string, string>;
}

export type SubmitPhase =
  | { kind: 'idle' }
  | { kind: 'confirming' }
  | { kind: 'submitting' }
  | { kind: 'failed'; error: ClientError; retryable: boolean }
  | { kind: 'done'; outcome: ReceiveOutcome };

interface Pending {
  orgId: string;
  codes: string[];
  foreignCodes: string[];
  skipped: number;
  names: Record<string, string>;
}

export interface ReceiveState {
  orgId: string | null;
  entries: ScanEntry[];
  submit: SubmitPhase;
  /** Why the last submit tap sent nothing (an empty list, codes still being checked…). */
  problem: string | null;
  /** The request of the last failed submit; "retry" sends it again unchanged. */
  pending: Pending | null;
  /** Binds the list to a store, restoring what was scanned there before. */
  open(orgId: string): void;
  add(text: string): ScanFeedback;
  remove(code: string): void;
  removeRejected(): void;
  clear(): void;
  /** Asks again about codes that could not be checked. */
  recheck(): void;
  submitList(): Promise<void>;
  retry(): Promise<void>;
  /** Leaves the result screen for a new list. */
  finish(): void;
}

export interface ReceiveDeps {
  client: Client;
  /** Asks before goods from another dealer are received (they become diversion evidence). */
  confirmForeign: (o: { codes: number; items: number }) => Promise<boolean>;
  storage?: KeyValueStore;
}

/** What identify says about a code, for the store `orgId`. */
export function judgeIdentified(orgId: string, r: IdentifyRes): Pick<ScanEntry, 'state' | 'level' | 'productName' | 'items' | 'holderName' | 'foreign' | 'expected' | 'note'> {
  const base = { level: r.level, productName: r.productName !== '' ? r.productName : '未知商品', items: r.items, holderName: r.holderName, foreign: false, expected: false };
  if (r.kind === 'hidden') {
    return { ...base, state: 'rejected', note: '这是瓶盖内（包装内）的领奖码，不能用于入库，请扫描包装外的码' };
  }
  if (!r.actions.includes('receive')) return { ...base, state: 'rejected', note: '这个码不能在门店入库' };
  if (r.holderOrgId === orgId && r.inTransitTo === null) return { ...base, state: 'in_stock', note: '已在本店库存中，无需再次入库' };
  return { ...base, state: 'ok', foreign: r.notFromYourDealer === true, expected: r.inTransitTo === orgId };
}

/** An identify failure: a bad code is rejected; anything else leaves the code to the server. */
export function judgeIdentifyError(e: ClientError): Pick<ScanEntry, 'state' | 'note'> {
  if (e.code === 'INVALID_CODE') return { state: 'rejected', note: '无效的码，可能是假冒或印刷有误' };
  if (e.code === 'NOT_FOUND') return { state: 'rejected', note: '系统里没有这个码' };
  return { state: 'unchecked', note: `暂未核对（${e.userMessage}），提交时由系统核对` };
}

const SENDABLE: ReadonlySet<EntryState> = new Set<EntryState>(['ok', 'unchecked']);
export const isSendable = (e: ScanEntry): boolean => SENDABLE.has(e.state);

const STATES: ReadonlySet<string> = new Set<EntryState>(['checking', 'ok', 'unchecked', 'in_stock', 'rejected']);

/** Entries read back from storage: anything malformed is dropped, never trusted. */
export function restoreEntries(raw: unknown): ScanEntry[] {
  const list = (raw as { entries?: unknown } | null | undefined)?.entries;
  if (!Array.isArray(list)) return [];
  const out: ScanEntry[] = [];
  const seen = new Set<string>();
  for (const e of list.slice(0, MAX_LIST)) {
    if (typeof e !== 'object' || e === null) continue;
    const x = e as Partial<ScanEntry>;
    if (typeof x.code !== 'string' || typeof x.state !== 'string' || !STATES.has(x.state)) continue;
    const parsed = parseCodeInput(x.code);
    if (!parsed.ok || parsed.data !== x.code || seen.has(x.code)) continue;
    seen.add(x.code);
    const entry: ScanEntry = { ...(x as ScanEntry), seq: out.length + 1, foreign: x.foreign === true, expected: x.expected === true };
    // Whatever was not settled is asked again.
    if (entry.state === 'checking' || entry.state === 'unchecked') {
      entry.state = 'checking';
      delete entry.note;
    }
    out.push(entry);
  }
  return out;
}

export function createReceiveStore(deps: ReceiveDeps) {
  return createStore<ReceiveState>()((set, get) => {
    let nextSeq = 1;
    const queue: ScanEntry[] = [];
    let inFlight = 0;

    const persist = () => {
      const { orgId, entries } = get();
      if (orgId === null || deps.storage === undefined) return;
      try {
        if (entries.length === 0) deps.storage.remove(STORAGE_KEYS.receiveList(orgId));
        else deps.storage.set(STORAGE_KEYS.receiveList(orgId), { v: 1, entries });
      } catch {
        // Storage full or unavailable: the list still lives in memory.
      }
    };

    /** The list changed: a failed submit's request is no longer what "retry" would mean. */
    const listChanged = (entries: ScanEntry[]) => {
      const phase = get().submit;
      set({ entries, pending: null, problem: null, submit: phase.kind === 'failed' || phase.kind === 'done' ? { kind: 'idle' } : phase });
      persist();
    };

    const patch = (code: string, seq: number, change: Partial<ScanEntry>) => {
      const entries = get().entries;
      const i = entries.findIndex((e) => e.code === code && e.seq === seq);
      if (i < 0) return; // removed (or the list was cleared) while identify was out
      const next = entries.slice();
      const updated: ScanEntry = { ...entries[i]!, ...change };
      if (change.note === undefined) delete updated.note;
      next[i] = updated;
      set({ entries: next });
      persist();
    };

    const pump = () => {
      while (inFlight < IDENTIFY_CONCURRENCY && queue.length > 0) {
        const entry = queue.shift()!;
        const orgId = get().orgId;
        if (orgId === null) return;
        inFlight++;
        void deps.client.scan
          .identify({ code: entry.code })
          .then((r) => {
            if (get().orgId !== orgId) return; // the person switched stores meanwhile
            patch(entry.code, entry.seq, r.ok ? judgeIdentified(orgId, r.data) : judgeIdentifyError(r.error));
          })
          .finally(() => {
            inFlight--;
            pump();
          });
      }
    };

    const ask = (entry: ScanEntry) => {
      queue.push(entry);
      pump();
    };

    const busy = () => {
      const k = get().submit.kind;
      return k === 'submitting' || k === 'confirming';
    };

    const send = async () => {
      const p = get().pending;
      if (p === null) throw new Error('receive: send without a pending request');
      set({ submit: { kind: 'submitting' }, problem: null });
      const r = await deps.client.scan.receive({ codes: p.codes, orgId: p.orgId });
      if (r.ok) {
        const outcome: ReceiveOutcome = { items: r.data.items, codes: p.codes.length, alerts: r.data.alerts, foreignCodes: p.foreignCodes, skipped: p.skipped, names: p.names };
        set({ entries: [], pending: null, submit: { kind: 'done', outcome } });
        persist();
        return;
      }
      const e = r.error;
      const index = /^codes\[(\d+)\]$/.exec(e.field ?? '')?.[1];
      const badCode = index === undefined ? undefined : p.codes[Number(index)];
      if (badCode !== undefined && (e.code === 'INVALID_CODE' || e.code === 'INVALID_ARGUMENT' || e.code === 'NOT_FOUND')) {
        // One bad code: mark it in the list so the person can remove it; the rest is kept.
        const entries = get().entries.map((x) =>
          x.code === badCode ? { ...x, state: 'rejected' as const, note: e.code === 'NOT_FOUND' ? '系统里没有这个码' : '无效的码，可能是假冒或印刷有误' } : x,
        );
        set({ entries, pending: null, submit: { kind: 'failed', retryable: false, error: { ...e, userMessage: '清单里有一个码不能入库，已标出，请移除后再提交' } } });
        persist();
        return;
      }
      set({ submit: { kind: 'failed', error: e, retryable: isRetryable(e) } });
    };

    return {
      orgId: null,
      entries: [],
      submit: { kind: 'idle' },
      problem: null,
      pending: null,
      open(orgId) {
        if (get().orgId === orgId) return;
        if (busy()) return;
        queue.length = 0;
        const entries = deps.storage === undefined ? [] : restoreEntries(deps.storage.get(STORAGE_KEYS.receiveList(orgId)));
        nextSeq = entries.length + 1;
        set({ orgId, entries, submit: { kind: 'idle' }, problem: null, pending: null });
        for (const e of entries) if (e.state === 'checking') ask(e);
      },
      add(text) {
        if (get().orgId === null) return { tone: 'danger', text: '请先加入门店', accepted: false };
        if (busy()) return { tone: 'info', text: '正在提交，请稍候再扫', accepted: false };
        const parsed = parseCodeInput(text);
        if (!parsed.ok) return { tone: 'danger', text: '无法识别这个码，请重新扫描或核对输入', accepted: false };
        const code = parsed.data;
        const entries = get().entries;
        if (entries.some((e) => e.code === code)) return { tone: 'info', text: '这个码已在清单中，已忽略', accepted: true };
        if (entries.length >= MAX_LIST) return { tone: 'danger', text: `清单已满 ${MAX_LIST} 个码，请先提交`, accepted: false };
        const entry: ScanEntry = { code, seq: nextSeq++, state: 'checking', foreign: false, expected: false };
        listChanged([...entries, entry]);
        ask(entry);
        return { tone: 'success', text: `已添加，清单共 ${entries.length + 1} 个码`, accepted: true };
      },
      remove(code) {
        if (busy()) return;
        const entries = get().entries;
        if (!entries.some((e) => e.code === code)) return;
        listChanged(entries.filter((e) => e.code !== code));
      },
      removeRejected() {
        if (busy()) return;
        const entries = get().entries;
        if (!entries.some((e) => e.state === 'rejected')) return;
        listChanged(entries.filter((e) => e.state !== 'rejected'));
      },
      clear() {
        if (busy()) return;
        queue.length = 0;
        listChanged([]);
      },
      recheck() {
        if (busy()) return;
        const again: ScanEntry[] = [];
        const entries = get().entries.map((e) => {
          if (e.state !== 'unchecked') return e;
          const { note: _dropped, ...rest } = e;
          const fresh: ScanEntry = { ...rest, state: 'checking' };
          again.push(fresh);
          return fresh;
        });
        if (again.length === 0) return;
        set({ entries });
        persist();
        for (const e of again) ask(e);
      },
      async submitList() {
        if (busy()) return;
        const { orgId, entries } = get();
        if (orgId === null) {
          set({ problem: '请先加入门店' });
          return;
        }
        const checking = entries.filter((e) => e.state === 'checking').length;
        if (checking > 0) {
          set({ problem: `还有 ${checking} 个码正在核对，请稍候再提交` });
          return;
        }
        const sendable = entries.filter(isSendable);
        if (sendable.length === 0) {
          set({ problem: entries.length === 0 ? '请先扫码，把商品加入清单' : '清单里没有需要入库的码' });
          return;
        }
        const checked = checkRequest('scan', 'receive', { codes: sendable.map((e) => e.code), orgId });
        if (!checked.ok) {
          set({ problem: checked.problem.message });
          return;
        }
        const foreign = sendable.filter((e) => e.foreign);
        if (foreign.length > 0) {
          set({ submit: { kind: 'confirming' }, problem: null });
          const yes = await deps.confirmForeign({ codes: foreign.length, items: foreign.reduce((n, e) => n + (e.items ?? 0), 0) });
          if (!yes) {
            set({ submit: { kind: 'idle' } });
            return;
          }
        }
        const names: Record<string, string> = {};
        for (const e of sendable) if (e.productName !== undefined) names[e.code] = e.productName;
        set({ pending: { orgId, codes: checked.value.codes, foreignCodes: foreign.map((e) => e.code), skipped: entries.length - sendable.length, names } });
        await send();
      },
      async retry() {
        const phase = get().submit;
        if (phase.kind !== 'failed') return;
        if (get().pending === null) await get().submitList();
        else await send();
      },
      finish() {
        if (get().submit.kind === 'done') set({ submit: { kind: 'idle' } });
      },
    };
  });
}

export type ReceiveStore = ReturnType<typeof createReceiveStore>;
