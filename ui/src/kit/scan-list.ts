/**
 * The running scan list (continuous scanning, one submit) behind every custody scan: the brand's
 * ship, a dealer's or wholesaler's ship and receive, a store's stock-in. `createScanList({ purpose })`.
 *
 * Every scan is parsed on the phone (a malformed code costs no round trip), then checked with
 * `scan.identify` for the org acting now, at most `IDENTIFY_CONCURRENCY` at a time, and judged by
 * the shared verdict (custody/scan-verdict.ts): a code that may not go is refused and left out;
 * one worth a look is kept with a warning. Duplicates are ignored; entries can be removed; one
 * submit sends up to 1,000 codes.
 *
 * Nothing scanned is lost: the list (and the chosen target) is kept on the phone per org and
 * purpose after every change; codes whose check had not come back are asked again when the list
 * is opened. A failed submit leaves the list as it was and "retry" sends exactly the same request
 * again (a repeated receive changes nothing on the server; a repeated ship carries the same
 * idempotency key). Editing the list after a failure makes the next submit a new one.
 *
 * No Taro here (tested in Node): the app passes the client, storage and the confirmation dialog.
 */
import { createStore } from 'zustand/vanilla';
import type { Client, ClientError, ClientResult, Intent } from '@channel-router/shared/client';
import { parseCodeInput } from '@channel-router/shared/codes/parse';
import { scanVerdict, type ScanPurpose } from '@channel-router/shared/custody/scan-verdict';
import type { Alert, UnitLevel } from '@channel-router/shared/model';
import { MAX_CODES_PER_CALL } from '@channel-router/shared/validation/fields';
import { LEVEL_ORDER, levelLabel } from './labels';
import { checkRequest, type ProblemLabels } from './problems';
import { readJson, writeJson, type KeyValueStorage } from './storage';
import { identifyFailure, noteText, ORG_SCAN_WORDS, refusalText, submitFailureText, type ScanWords } from './scan-words';

export type { ScanPurpose };

/** One submit carries at most this many codes (the server's limit per call). */
export const MAX_LIST_CODES = MAX_CODES_PER_CALL;
/** Identify requests in flight at once; more scans wait their turn (a burst of scans, a weak network). */
export const IDENTIFY_CONCURRENCY = 4;

export interface ScanEntry {
  /** Canonical code (26 upper-case characters). */
  code: string;
  /** `checking`: identify is on its way (or queued); `unchecked`: it could not be asked (network). */
  status: 'checking' | 'ready' | 'unchecked';
  level?: UnitLevel;
  productId?: string;
  productName?: string;
  /** Items inside the unit (a case of 24 → 24). */
  items?: number;
  /** Receive: allocated to another dealer than the one supplying this org (diversion evidence). */
  foreign?: boolean;
  /** Receive: shipped to this org and waiting for its scan. */
  expected?: boolean;
  /** Where identify said the goods are now. */
  holderName?: string | null;
  /** Accepted, but worth a look (not shipped to you, still to be received, …). */
  warning?: string;
  /** Why it could not be checked, or what the server said about it on submit. */
  problem?: string;
}

/** One tone vocabulary for every scan answer (the same as the UI kit's `ScanFeedback`). */
export type EchoTone = 'success' | 'warning' | 'danger' | 'info';

/** The answer to one scan, shown at once (and on the camera overlay while scanning on). */
export interface Echo {
  tone: EchoTone;
  text: string;
  code?: string;
  /** The code was taken and is being checked (the verdict follows). */
  checking?: boolean;
}

export interface Target {
  orgId: string;
  name: string;
}

export interface SentRequest {
  codes: string[];
  orgId: string;
  toOrgId?: string;
  targetName?: string;
  /** One confirmed shipment is one intent: a retry of it carries the same key and ships once. */
  intent?: Intent;
  /** Codes the list flagged as another dealer's goods (receive). */
  foreignCodes: string[];
  /** Product names of the codes sent, as identify told them (for the alerts' rows). */
  names: Record<string, string>;
  /** Ship: the order shipped and the carrier's details (`shipFields`), sent again unchanged on retry. */
  shipFields?: ShipFields;
}

/** What a ship of an order adds to the scan (docs/ordering-operations.md). */
export interface ShipFields {
  orderId?: string;
  /** Shipping a return's goods back to the seller (docs/ordering.md#returns). */
  returnId?: string;
  carrier?: string;
  trackingNo?: string;
}

export interface SubmitResult {
  /** Items inside the submitted units, as the server counted them. */
  items: number;
  alerts: Alert[];
  codes: number;
  targetName?: string;
  foreignCodes: string[];
  names: Record<string, string>;
}

export interface SubmitState {
  status: 'idle' | 'confirming' | 'submitting' | 'done' | 'failed';
  /** Exactly what was (or is being) sent; "retry" sends it again. */
  request: SentRequest | null;
  result: SubmitResult | null;
  error: ClientError | null;
  /** Plain words for a problem found on the phone or in the reply. */
  message: string | null;
}

export interface ConfirmSummary {
  purpose: ScanPurpose;
  codes: number;
  items: number;
  targetName?: string;
  /** Receive: how many codes (and items) are another dealer's goods. */
  foreignCodes: number;
  foreignItems: number;
}

export interface ScanListState {
  purpose: ScanPurpose;
  /** The org scanning (receiver, or shipper); the list belongs to it. */
  orgId: string | null;
  /** Ship only: where the goods go. */
  target: Target | null;
  /** Newest first. */
  entries: ScanEntry[];
  echo: Echo | null;
  submit: SubmitState;
  /** Switches to the list of `orgId` (restored from the phone). */
  bind(orgId: string | null): void;
  setTarget(target: Target | null): void;
  /**
   * Takes one scanned or typed code: answers at once (for a scanner that shows it right away),
   * with `done` resolving to the verdict once the code is checked. `accepted`: the code is in the
   * list now (or was already), so a typed field can be cleared.
   */
  scan(text: string): { echo: Echo; accepted: boolean; done: Promise<Echo> };
  /** `scan`, resolving with the verdict. */
  add(text: string): Promise<Echo>;
  remove(code: string): void;
  clear(): void;
  /** Asks again about the entries that could not be checked; resolves when all have answers. */
  recheck(): Promise<void>;
  /** Validates, asks, sends. */
  submitList(): Promise<void>;
  /** Sends the failed request again, unchanged, without asking again. */
  retry(): Promise<void>;
  /** Leaves the result screen. */
  dismiss(): void;
}

export interface ScanListDeps {
  client: Client;
  purpose: ScanPurpose;
  /** `cr.<app>.`: the list of org `o` is kept under `<prefix>scan.<purpose>.<o>`. */
  storagePrefix: string;
  storage?: KeyValueStorage;
  /** The app's places and people (default: a dealer's or wholesaler's). */
  words?: ScanWords;
  /** How the request's fields are named in a problem found on the phone. */
  labels?: ProblemLabels;
  /**
   * Asked before a submit; the page shows a dialog. Omitted: no question. A store asks only
   * when another dealer's goods are on the list (it returns true at once otherwise).
   */
  confirm?: (summary: ConfirmSummary) => Promise<boolean>;
  /**
   * A further check of a code the verdict accepted, against the list as it is (shipping an order:
   * more than ordered is refused on the spot). A string refuses the code with those words.
   */
  vet?: (entry: ScanEntry, list: readonly ScanEntry[]) => string | null;
  /** Ship: fields added to the request when it is made (the order, the carrier). */
  shipFields?: () => ShipFields;
  /** Ship: the list is a return's goods going back to the seller (`scanVerdict`'s `returning`). */
  returning?: boolean;
  /**
   * A last look at the whole list before a submit (a return sends back exactly what it returns):
   * a string refuses the submit with those words, and nothing is sent.
   */
  ready?: (list: readonly ScanEntry[]) => string | null;
}

const IDLE: SubmitState = { status: 'idle', request: null, result: null, error: null, message: null };

const SCAN_LABELS: ProblemLabels = { codes: '扫码清单', toOrgId: '收货方', fromOrgId: '发货单位', orgId: '当前单位' };

export function scanStorageKey(prefix: string, purpose: ScanPurpose, orgId: string): string {
  return `${prefix}scan.${purpose}.${orgId}`;
}

// ---------------------------------------------------------------------------------------------
// The list's figures (pure)

export interface ListSummary {
  codes: number;
  items: number;
  /** `3 箱 · 2 盒` */
  levels: string;
  products: Array<{ productId: string; name: string; codes: number; items: number }>;
  checking: number;
  unchecked: number;
  foreign: number;
  foreignItems: number;
}

export function summarize(entries: readonly ScanEntry[]): ListSummary {
  let items = 0;
  let checking = 0;
  let unchecked = 0;
  let foreign = 0;
  let foreignItems = 0;
  const levels = new Map<UnitLevel, number>();
  const products = new Map<string, { productId: string; name: string; codes: number; items: number }>();
  for (const e of entries) {
    items += e.items ?? 0;
    if (e.status === 'checking') checking++;
    if (e.status === 'unchecked') unchecked++;
    if (e.foreign === true) {
      foreign++;
      foreignItems += e.items ?? 0;
    }
    if (e.level !== undefined) levels.set(e.level, (levels.get(e.level) ?? 0) + 1);
    if (e.productId !== undefined) {
      const p = products.get(e.productId) ?? { productId: e.productId, name: e.productName ?? '', codes: 0, items: 0 };
      p.codes += 1;
      p.items += e.items ?? 0;
      products.set(e.productId, p);
    }
  }
  const levelText = LEVEL_ORDER.filter((l) => levels.has(l))
    .map((l) => `${levels.get(l)} ${levelLabel(l)}`)
    .join(' · ');
  return { codes: entries.length, items, levels: levelText, products: [...products.values()], checking, unchecked, foreign, foreignItems };
}

/** The list entry a server error points at (`codes[3]` → 3), if any. */
export function entryIndexOf(error: Pick<ClientError, 'field'>): number | null {
  const m = /^codes\[(\d+)\]/.exec(error.field ?? '');
  return m === null ? null : Number(m[1]);
}

// ---------------------------------------------------------------------------------------------
// What is kept on the phone

interface Saved {
  v: 1;
  target: Target | null;
  entries: ScanEntry[];
}

function isEntry(x: unknown): x is ScanEntry {
  const e = x as Partial<ScanEntry> | null;
  return typeof e === 'object' && e !== null && typeof e.code === 'string' && /^[0-9A-Z]{26}$/.test(e.code);
}

/** The list read back from the phone: anything malformed is dropped, never trusted. */
export function restoreList(saved: unknown): { target: Target | null; entries: ScanEntry[] } {
  const s = saved as Partial<Saved> | null | undefined;
  if (s === undefined || s === null || typeof s !== 'object' || s.v !== 1 || !Array.isArray(s.entries)) return { target: null, entries: [] };
  const seen = new Set<string>();
  const entries: ScanEntry[] = [];
  for (const e of s.entries.slice(0, MAX_LIST_CODES)) {
    if (!isEntry(e) || seen.has(e.code)) continue;
    seen.add(e.code);
    // An answer that never arrived before the app closed (or could not be had) is asked again.
    entries.push(e.status === 'ready' ? e : { code: e.code, status: 'checking' });
  }
  const t = s.target;
  const target = t !== null && typeof t === 'object' && typeof t?.orgId === 'string' && typeof t.name === 'string' ? { orgId: t.orgId, name: t.name } : null;
  return { target, entries };
}

function withoutProblem(e: ScanEntry): ScanEntry {
  const { problem: _gone, ...rest } = e;
  return rest;
}

/** At most `limit` tasks at once; the rest wait in order. */
function limiter(limit: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((go) => waiting.push(go));
    running++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}

// ---------------------------------------------------------------------------------------------

export function createScanList(deps: ScanListDeps) {
  const { client, purpose } = deps;
  const words = deps.words ?? ORG_SCAN_WORDS;
  const labels = { ...SCAN_LABELS, ...deps.labels };
  return createStore<ScanListState>()((set, get) => {
    /** Bumped when the list is replaced (another org, cleared): answers for the old list are dropped. */
    let listGeneration = 0;
    const limit = limiter(IDENTIFY_CONCURRENCY);

    const save = () => {
      const { orgId, target, entries } = get();
      if (orgId === null) return;
      const key = scanStorageKey(deps.storagePrefix, purpose, orgId);
      writeJson(deps.storage, key, entries.length === 0 && target === null ? undefined : ({ v: 1, target, entries } satisfies Saved));
    };

    const busy = () => {
      const s = get().submit.status;
      return s === 'submitting' || s === 'confirming';
    };

    /** After a failure (or a result), any edit makes the next submit a new one. */
    const edited = () => {
      const s = get().submit.status;
      if (s === 'failed' || s === 'done') set({ submit: IDLE });
    };

    const inList = (code: string, generation: number) => generation === listGeneration && get().entries.some((e) => e.code === code);

    const put = (code: string, generation: number, next: ScanEntry | null) => {
      if (!inList(code, generation)) return; // removed (or the list replaced) meanwhile
      const entries = get().entries;
      set({ entries: next === null ? entries.filter((e) => e.code !== code) : entries.map((e) => (e.code === code ? next : e)) });
      save();
    };

    /** Identifies one code already in the list; returns what to say. */
    const check = (code: string, orgId: string): Promise<Echo> => {
      const generation = listGeneration;
      return limit(async (): Promise<Echo> => {
        const replaced: Echo = { tone: 'info', text: '清单已更换，这次扫码未加入', code };
        if (!inList(code, generation)) return replaced;
        // For this org: a person in several orgs is told about this one's goods (the channel router).
        const r = await client.scan.identify({ code, orgId });
        if (!inList(code, generation)) return replaced;
        if (!r.ok) {
          const f = identifyFailure(r.error, words);
          if (f.retry) {
            put(code, generation, { code, status: 'unchecked', problem: f.text });
            return { tone: 'warning', text: `已加入清单，但${f.text}`, code };
          }
          put(code, generation, null);
          return { tone: 'danger', text: f.text, code };
        }
        const d = r.data;
        const v = scanVerdict({ purpose, orgId, code: d, targetOrgId: get().target?.orgId ?? null, ...(deps.returning === true ? { returning: true } : {}) });
        if (!v.ok) {
          put(code, generation, null);
          return { tone: 'danger', text: refusalText(v.refusal, v.holderName, words), code };
        }
        const warning = noteText(v.note, d.holderName, words);
        const entry: ScanEntry = { code, status: 'ready', level: d.level, productId: d.productId, productName: d.productName, items: d.items, holderName: d.holderName };
        if (v.foreign) entry.foreign = true;
        if (v.expected) entry.expected = true;
        if (warning !== undefined) entry.warning = warning;
        const vetoed = deps.vet?.(entry, get().entries.filter((e) => e.code !== code)) ?? null;
        if (vetoed !== null) {
          put(code, generation, null);
          return { tone: 'danger', text: vetoed, code };
        }
        put(code, generation, entry);
        const what = `${levelLabel(d.level)} · ${d.productName || '未知商品'} · ${d.items} 件`;
        return warning === undefined ? { tone: 'success', text: `已添加：${what}`, code } : { tone: 'warning', text: `已添加：${what}（${warning}）`, code };
      });
    };

    /** Shows the verdict unless a later scan's answer is showing already. */
    const answer = (code: string, orgId: string) =>
      check(code, orgId).then((e) => {
        const shown = get().echo;
        if (shown === null || shown.code === code) set({ echo: e });
        return e;
      });

    const send = async () => {
      const request = get().submit.request;
      if (request === null) throw new Error('scan list: nothing to send');
      set({ submit: { ...get().submit, status: 'submitting', error: null, message: null } });
      const r: ClientResult<{ items: number; alerts?: Alert[] }> =
        purpose === 'receive'
          ? await client.scan.receive({ codes: request.codes, orgId: request.orgId })
          : await client.scan.ship({ codes: request.codes, toOrgId: request.toOrgId!, fromOrgId: request.orgId, ...request.shipFields }, request.intent === undefined ? undefined : { intent: request.intent });
      if (r.ok) {
        const result: SubmitResult = { items: r.data.items, alerts: r.data.alerts ?? [], codes: request.codes.length, foreignCodes: request.foreignCodes, names: request.names };
        if (request.targetName !== undefined) result.targetName = request.targetName;
        // Only what was sent leaves the list (edits are blocked while sending, so: all of it).
        const sent = new Set(request.codes);
        set({ entries: get().entries.filter((e) => !sent.has(e.code)), submit: { ...IDLE, status: 'done', result }, echo: null });
        save();
        return;
      }
      const index = entryIndexOf(r.error);
      const badCode = index === null ? undefined : request.codes[index];
      const row = index === null ? null : get().entries.findIndex((e) => e.code === badCode) + 1 || index + 1;
      const message = submitFailureText(purpose, r.error, row, words);
      if (badCode !== undefined) {
        set({ entries: get().entries.map((e) => (e.code === badCode ? { ...e, problem: message.replace(/^清单第 \d+ 个码/, '这个码') } : e)) });
        save();
      }
      set({ submit: { ...get().submit, status: 'failed', error: r.error, message } });
    };

    return {
      purpose,
      orgId: null,
      target: null,
      entries: [],
      echo: null,
      submit: IDLE,

      bind(orgId) {
        if (orgId === get().orgId || busy()) return;
        listGeneration++;
        const restored = orgId === null ? { target: null, entries: [] } : restoreList(readJson(deps.storage, scanStorageKey(deps.storagePrefix, purpose, orgId)));
        set({ orgId, target: restored.target, entries: restored.entries, echo: null, submit: IDLE });
        if (orgId !== null) for (const e of restored.entries) if (e.status === 'checking') void check(e.code, orgId);
      },

      setTarget(target) {
        if (busy()) return;
        const same = target?.orgId === get().target?.orgId;
        set({ target });
        if (!same) edited();
        save();
      },

      scan(text) {
        const now = (e: Echo, accepted: boolean) => {
          set({ echo: e });
          return { echo: e, accepted, done: Promise.resolve(e) };
        };
        const orgId = get().orgId;
        if (orgId === null) return now({ tone: 'danger', text: '请先选择当前单位' }, false);
        if (busy()) return now({ tone: 'info', text: '正在提交，请稍候再扫' }, false);
        const parsed = parseCodeInput(text);
        // A malformed code is answered at once, without a request.
        if (!parsed.ok) return now({ tone: 'danger', text: '这不是有效的码，请扫描包装上的二维码' }, false);
        const code = parsed.data;
        if (get().entries.some((e) => e.code === code)) return now({ tone: 'info', text: '已在清单中，已忽略', code }, true);
        if (get().entries.length >= MAX_LIST_CODES) return now({ tone: 'danger', text: `清单已满 ${MAX_LIST_CODES} 个码，请先提交这一批` }, false);
        edited();
        const checking: Echo = { tone: 'info', text: `核对中…（清单共 ${get().entries.length + 1} 个码）`, code, checking: true };
        set({ entries: [{ code, status: 'checking' }, ...get().entries], echo: checking });
        save();
        return { echo: checking, accepted: true, done: answer(code, orgId) };
      },

      add(text) {
        return get().scan(text).done;
      },

      remove(code) {
        if (busy() || !get().entries.some((e) => e.code === code)) return;
        set({ entries: get().entries.filter((e) => e.code !== code) });
        edited();
        save();
      },

      clear() {
        if (busy()) return;
        listGeneration++;
        set({ entries: [], echo: null, submit: IDLE });
        save();
      },

      async recheck() {
        const orgId = get().orgId;
        if (orgId === null || busy()) return;
        const todo = get().entries.filter((e) => e.status === 'unchecked').map((e) => e.code);
        const generation = listGeneration;
        for (const code of todo) put(code, generation, { code, status: 'checking' });
        await Promise.all(todo.map((code) => answer(code, orgId)));
      },

      async submitList() {
        if (busy()) return;
        const { orgId, entries, target } = get();
        const fail = (message: string) => set({ submit: { ...IDLE, message } });
        if (orgId === null) return fail('请先选择当前单位');
        if (purpose === 'ship' && target === null) return fail(`请先选择${words.target}`);
        if (entries.length === 0) return fail('清单是空的，请先扫码');
        const sum = summarize(entries);
        if (sum.checking > 0) return fail(`还有 ${sum.checking} 个码正在核对，请稍候`);
        if (sum.unchecked > 0) return fail(`有 ${sum.unchecked} 个码还没核对，请点「重新核对」或删除后再提交`);
        const notReady = deps.ready?.(entries) ?? null;
        if (notReady !== null) return fail(notReady);
        // Oldest first: the order they were scanned in.
        const codes = entries.map((e) => e.code).reverse();
        const checked =
          purpose === 'receive'
            ? checkRequest('scan', 'receive', { codes, orgId }, labels)
            : checkRequest('scan', 'ship', { codes, toOrgId: target!.orgId, fromOrgId: orgId }, labels);
        if (!checked.ok) return fail(checked.problem.message);
        const foreign = entries.filter((e) => e.foreign === true);
        const names: Record<string, string> = {};
        for (const e of entries) if (e.productName !== undefined && e.productName !== '') names[e.code] = e.productName;
        const request: SentRequest = { codes, orgId, foreignCodes: foreign.map((e) => e.code).reverse(), names };
        if (purpose === 'ship' && target !== null) {
          request.toOrgId = target.orgId;
          request.targetName = target.name;
          request.intent = client.newIntent();
          const extra = deps.shipFields?.();
          if (extra !== undefined) request.shipFields = extra;
        }
        // What an earlier reply said about an entry no longer applies to this new submit.
        set({ entries: get().entries.map((e) => (e.problem !== undefined && e.status === 'ready' ? withoutProblem(e) : e)) });
        if (deps.confirm !== undefined) {
          set({ submit: { ...IDLE, status: 'confirming' } });
          const summary: ConfirmSummary = { purpose, codes: codes.length, items: sum.items, foreignCodes: sum.foreign, foreignItems: sum.foreignItems };
          if (request.targetName !== undefined) summary.targetName = request.targetName;
          if (!(await deps.confirm(summary))) {
            set({ submit: IDLE });
            return;
          }
        }
        set({ submit: { ...IDLE, request } });
        await send();
      },

      async retry() {
        const s = get().submit;
        if (s.status !== 'failed' || s.request === null) return;
        await send();
      },

      dismiss() {
        if (busy()) return;
        set({ submit: IDLE, echo: null });
      },
    };
  });
}

export type ScanListStore = ReturnType<typeof createScanList>;
