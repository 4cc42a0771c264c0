/**
 * The running scan list behind receiving and shipping (continuous scanning, one submit).
 *
 * Every scan is parsed on the phone (a malformed code costs no round trip), then checked with
 * `scan.identify` — what the code is and whether this person may receive or ship it for the org
 * they act for (the channel router) — and added with its level, product and item count.
 * Duplicates are ignored; entries can be removed; one submit sends up to 1,000 codes.
 *
 * Nothing scanned is lost: the list is kept on the phone (per org and purpose) after every
 * change, so a failed submit, a closed app or a dead battery leaves it intact. After a failure,
 * "retry" sends exactly the same request again (the server treats a repeated receive as a no-op
 * and a repeated ship as the same shipment). Editing the list after a failure makes the next
 * submit a new one, confirmed again.
 *
 * No Taro here (tested in Node): the page passes the client, storage and the confirmation dialog.
 */
import { createStore } from 'zustand/vanilla';
import type { IdentifyRes } from '@channel-router/shared/src/api/actions.js';
import type { Client, ClientError, ClientResult, Intent } from '@channel-router/shared/src/client/index.js';
import { parseCodeInput } from '@channel-router/shared/src/codes/parse.js';
import type { Alert, UnitLevel } from '@channel-router/shared/src/model.js';
import { MAX_CODES_PER_CALL } from '@channel-router/shared/src/validation/fields.js';
import { levelLabel } from './labels';
import { checkedRequest, entryIndexOf, isRetryable } from './problems';
import { readJson, STORAGE_PREFIX, writeJson, type KeyValueStorage } from './storage';

export type ScanPurpose = 'receive' | 'ship';

/** One submit carries at most this many codes (docs/actions.md#bad-input). */
export const MAX_LIST_CODES = MAX_CODES_PER_CALL;

export interface ScanEntry {
  /** Canonical code (26 upper-case characters). */
  code: string;
  /** `checking`: identify is on its way; `unchecked`: it could not be asked (network). */
  status: 'checking' | 'ready' | 'unchecked';
  level?: UnitLevel;
  productId?: string;
  productName?: string;
  /** Items inside the unit (a case of 24 → 24). */
  items?: number;
  /** Accepted, but worth a look (not shipped to you, still to be received, …). */
  warning?: string;
  /** Why it could not be checked, or what the server said about it on submit. */
  problem?: string;
}

export type EchoTone = 'success' | 'warning' | 'fail' | 'info';

/** The answer to one scan, shown at once (and on the camera overlay while scanning on). */
export interface Echo {
  tone: EchoTone;
  text: string;
  code?: string;
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
}

export interface SubmitResult {
  /** Items inside the submitted units, as the server counted them. */
  items: number;
  alerts: Alert[];
  codes: number;
  targetName?: string;
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
  /** Asks again about the entries that could not be checked. */
  recheck(): Promise<void>;
  /** Validates, asks (ship), sends. */
  submitList(): Promise<void>;
  /** Sends the failed request again, unchanged, without asking again. */
  retry(): Promise<void>;
  /** Leaves the result screen. */
  dismiss(): void;
}

export interface ScanListDeps {
  client: Client;
  purpose: ScanPurpose;
  storage?: KeyValueStorage;
  /** Asked before a submit; the page shows a dialog. Omitted: no question. */
  confirm?: (summary: { purpose: ScanPurpose; codes: number; items: number; targetName?: string }) => Promise<boolean>;
}

const IDLE: SubmitState = { status: 'idle', request: null, result: null, error: null, message: null };

export function storageKey(purpose: ScanPurpose, orgId: string): string {
  return `${STORAGE_PREFIX}scan.${purpose}.${orgId}`;
}

// ---------------------------------------------------------------------------------------------
// The rules: what a code may be, for this purpose and org (pure; tested on their own)

export type Judgement = { ok: true; warning?: string } | { ok: false; reason: string };

export function judge(purpose: ScanPurpose, orgId: string, r: IdentifyRes, target: Target | null = null): Judgement {
  if (r.kind === 'hidden') return { ok: false, reason: '这是瓶盖内（包装内）的领奖码，请扫描包装外的码' };
  const held = r.holderOrgId === orgId;
  const coming = r.inTransitTo === orgId;
  const where = r.holderName !== null && r.holderName !== '' ? `（现在在 ${r.holderName}）` : '';
  if (purpose === 'receive') {
    if (!r.actions.includes('receive')) return { ok: false, reason: '您不能为本单位收货' };
    if (held && r.inTransitTo === null) return { ok: false, reason: '已在本单位库存中，无需再收货' };
    if (coming) return { ok: true };
    if (held) return { ok: true, warning: '已发给下游但对方未签收，收货将取回' };
    if (r.notFromYourDealer === true) return { ok: true, warning: '不是您上级经销商的货，入库会记录为窜货证据' };
    return { ok: true, warning: `没有发往本单位${where}，收货会记录为异常` };
  }
  if (!r.actions.includes('ship') || (!held && !coming)) return { ok: false, reason: `不在本单位库存中${where}` };
  if (!held) return { ok: true, warning: '本单位还没收货，发货时一并收货' };
  if (r.inTransitTo !== null && target !== null && r.inTransitTo === target.orgId) return { ok: true, warning: '已发往这个收货方，对方还未签收' };
  if (r.inTransitTo !== null) return { ok: true, warning: '已发往其他下游但未签收，将改发' };
  return { ok: true };
}

/** Words for an identify that failed; `retry` when asking again may help. */
function identifyFailure(error: ClientError): { retry: boolean; text: string } {
  switch (error.code) {
    case 'INVALID_CODE':
      return { retry: false, text: '不是本品牌的码，无法识别' };
    case 'NOT_FOUND':
      return { retry: false, text: '系统中没有这个码' };
    case 'FORBIDDEN':
      return { retry: false, text: '您还没有加入经销商或批发商，不能扫码收发货' };
    case 'INVALID_ARGUMENT':
      return { retry: false, text: '这不是有效的码' };
    case 'RATE_LIMITED':
      return { retry: true, text: '扫得太快了，稍后重新核对' };
    default:
      return { retry: isRetryable(error), text: isRetryable(error) ? '网络不稳定，稍后重新核对' : error.userMessage };
  }
}

/** Words for a failed submit, said about this purpose (the client's defaults are store-worded). */
export function submitFailureMessage(purpose: ScanPurpose, error: ClientError, entryNo: number | null): string {
  const which = entryNo === null ? '有一个码' : `清单第 ${entryNo} 个码`;
  switch (error.code) {
    case 'FORBIDDEN':
      return purpose === 'receive' ? '您不是本单位的成员，不能为它收货' : '您不是本单位的成员，不能发它的货';
    case 'CONFLICT':
      return purpose === 'ship' ? `${which}不在本单位库存中（可能已发出或还没收货），请删除后再提交` : '数据刚刚有变化，请重试';
    case 'INVALID_CODE':
      return `${which}无法识别，请删除后再提交`;
    case 'NOT_FOUND':
      return error.field === 'toOrgId' ? '收货方不存在，请重新选择' : `${which}在系统中不存在，请删除后再提交`;
    case 'INVALID_ARGUMENT':
      if (error.field === 'toOrgId') return '这个收货方不是本单位的直接下游，请重新选择';
      if (entryNo !== null) return `${which}有误，请删除后再提交`;
      return error.userMessage;
    default:
      return error.userMessage;
  }
}

export interface ListSummary {
  codes: number;
  items: number;
  /** `3 箱 · 2 盒` */
  levels: string;
  products: Array<{ productId: string; name: string; codes: number; items: number }>;
}

const LEVEL_ORDER: readonly UnitLevel[] = ['pallet', 'case', 'box', 'item'];

export function summarize(entries: readonly ScanEntry[]): ListSummary {
  let items = 0;
  const levels = new Map<UnitLevel, number>();
  const products = new Map<string, { productId: string; name: string; codes: number; items: number }>();
  for (const e of entries) {
    items += e.items ?? 0;
    if (e.level !== undefined) levels.set(e.level, (levels.get(e.level) ?? 0) + 1);
    if (e.productId !== undefined) {
      const p = products.get(e.productId) ?? { productId: e.productId, name: e.productName ?? '', codes: 0, items: 0 };
      p.codes += 1;
      p.items += e.items ?? 0;
      products.set(e.productId, p);
    }
  }
  const levelText = LEVEL_ORDER.filter((l) => levels.has(l)).map((l) => `${levels.get(l)} ${levelLabel(l)}`).join(' · ');
  return { codes: entries.length, items, levels: levelText, products: [...products.values()] };
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

function restore(storage: KeyValueStorage | undefined, purpose: ScanPurpose, orgId: string): { target: Target | null; entries: ScanEntry[] } {
  const saved = readJson(storage, storageKey(purpose, orgId)) as Partial<Saved> | undefined;
  if (saved === undefined || saved === null || saved.v !== 1 || !Array.isArray(saved.entries)) return { target: null, entries: [] };
  const seen = new Set<string>();
  const entries: ScanEntry[] = [];
  for (const e of saved.entries.slice(0, MAX_LIST_CODES)) {
    if (!isEntry(e) || seen.has(e.code)) continue;
    seen.add(e.code);
    // An answer that never arrived before the app closed must be asked again.
    entries.push(e.status === 'checking' ? { code: e.code, status: 'unchecked', problem: '尚未核对' } : e);
  }
  const t = saved.target;
  const target = t !== null && typeof t === 'object' && typeof t?.orgId === 'string' && typeof t.name === 'string' ? { orgId: t.orgId, name: t.name } : null;
  return { target, entries };
}

function withoutProblem(e: ScanEntry): ScanEntry {
  const { problem: _gone, ...rest } = e;
  return rest;
}

// ---------------------------------------------------------------------------------------------

export function createScanListStore(deps: ScanListDeps) {
  const { client, purpose } = deps;
  return createStore<ScanListState>()((set, get) => {
    /** Bumped when the list is replaced (another org): answers for the old list are dropped. */
    let listGeneration = 0;

    const save = () => {
      const { orgId, target, entries } = get();
      if (orgId === null) return;
      const key = storageKey(purpose, orgId);
      if (entries.length === 0 && target === null) writeJson(deps.storage, key, undefined);
      else writeJson(deps.storage, key, { v: 1, target, entries } satisfies Saved);
    };

    const busy = () => {
      const s = get().submit.status;
      return s === 'submitting' || s === 'confirming';
    };

    /** After a failure, any edit makes the next submit a new one. */
    const edited = () => {
      const s = get().submit;
      if (s.status === 'failed' || s.status === 'done') set({ submit: IDLE });
    };

    const updateEntry = (code: string, generation: number, patch: (e: ScanEntry) => ScanEntry) => {
      if (generation !== listGeneration) return false;
      let found = false;
      const entries = get().entries.map((e) => {
        if (e.code !== code) return e;
        found = true;
        return patch(e);
      });
      if (!found) return false; // removed meanwhile
      set({ entries });
      save();
      return true;
    };

    /** Identifies one code already in the list; returns what to say. */
    const check = async (code: string, orgId: string): Promise<Echo> => {
      const generation = listGeneration;
      // For this org: a person in several orgs is told about this one's goods (spec: the channel router).
      const r = await client.scan.identify({ code, orgId });
      if (generation !== listGeneration || !get().entries.some((e) => e.code === code)) {
        return { tone: 'info', text: '清单已更换，这次扫码未加入', code };
      }
      if (!r.ok) {
        const f = identifyFailure(r.error);
        if (f.retry) {
          updateEntry(code, generation, (e) => ({ code: e.code, status: 'unchecked', problem: f.text }));
          return { tone: 'warning', text: `已加入清单，但${f.text}`, code };
        }
        set({ entries: get().entries.filter((e) => e.code !== code) });
        save();
        return { tone: 'fail', text: f.text, code };
      }
      const j = judge(purpose, orgId, r.data, get().target);
      if (!j.ok) {
        set({ entries: get().entries.filter((e) => e.code !== code) });
        save();
        return { tone: 'fail', text: j.reason, code };
      }
      const d = r.data;
      updateEntry(code, generation, () => {
        const entry: ScanEntry = { code, status: 'ready', level: d.level, productId: d.productId, productName: d.productName, items: d.items };
        if (j.warning !== undefined) entry.warning = j.warning;
        return entry;
      });
      const what = `${levelLabel(d.level)} · ${d.productName || '未知商品'} · ${d.items} 件`;
      return j.warning === undefined ? { tone: 'success', text: `已添加：${what}`, code } : { tone: 'warning', text: `已添加：${what}（${j.warning}）`, code };
    };

    const echo = (e: Echo): Echo => {
      set({ echo: e });
      return e;
    };

    const send = async () => {
      const request = get().submit.request;
      if (request === null) throw new Error('send: nothing to send');
      set({ submit: { ...get().submit, status: 'submitting', error: null, message: null } });
      const r: ClientResult<{ items: number; alerts?: Alert[] }> =
        purpose === 'receive'
          ? await client.scan.receive({ codes: request.codes, orgId: request.orgId })
          : await client.scan.ship({ codes: request.codes, toOrgId: request.toOrgId!, fromOrgId: request.orgId }, request.intent === undefined ? undefined : { intent: request.intent });
      if (r.ok) {
        const alerts = r.data.alerts ?? [];
        const result: SubmitResult = { items: r.data.items, alerts, codes: request.codes.length };
        if (request.targetName !== undefined) result.targetName = request.targetName;
        // Only what was sent leaves the list (edits are blocked while sending, so: all of it).
        const sent = new Set(request.codes);
        set({ entries: get().entries.filter((e) => !sent.has(e.code)), submit: { status: 'done', request: null, result, error: null, message: null }, echo: null });
        save();
        return;
      }
      const index = entryIndexOf(r.error);
      const badCode = index !== null ? request.codes[index] : undefined;
      const message = submitFailureMessage(purpose, r.error, index === null ? null : get().entries.findIndex((e) => e.code === badCode) + 1 || index + 1);
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
        const restored = orgId === null ? { target: null, entries: [] } : restore(deps.storage, purpose, orgId);
        set({ orgId, target: restored.target, entries: restored.entries, echo: null, submit: IDLE });
      },

      setTarget(target) {
        if (busy()) return;
        const same = target?.orgId === get().target?.orgId;
        set({ target });
        if (!same) edited();
        save();
      },

      scan(text) {
        const now = (e: Echo, accepted: boolean) => ({ echo: echo(e), accepted, done: Promise.resolve(e) });
        const orgId = get().orgId;
        if (orgId === null) return now({ tone: 'fail', text: '请先选择当前单位' }, false);
        if (busy()) return now({ tone: 'info', text: '正在提交，请稍候再扫' }, false);
        const parsed = parseCodeInput(text);
        // A malformed code is answered at once, without a request.
        if (!parsed.ok) return now({ tone: 'fail', text: '这不是有效的码，请扫描包装上的二维码' }, false);
        const code = parsed.data;
        if (get().entries.some((e) => e.code === code)) return now({ tone: 'info', text: '已在清单中，已忽略', code }, true);
        if (get().entries.length >= MAX_LIST_CODES) return now({ tone: 'fail', text: `清单已满 ${MAX_LIST_CODES} 个码，请先提交这一批` }, false);
        edited();
        const checking: Echo = { tone: 'info', text: `核对中…（清单共 ${get().entries.length + 1} 个码）`, code };
        set({ entries: [{ code, status: 'checking' }, ...get().entries], echo: checking });
        save();
        const done = check(code, orgId).then((e) => {
          // A later scan's answer may be showing already; show this one only if it is the newest.
          if (get().echo?.code === code) set({ echo: e });
          return e;
        });
        return { echo: checking, accepted: true, done };
      },

      add(text) {
        return get().scan(text).done;
      },

      remove(code) {
        if (busy()) return;
        const entries = get().entries.filter((e) => e.code !== code);
        if (entries.length === get().entries.length) return;
        set({ entries });
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
        for (const code of todo) updateEntry(code, generation, (e) => ({ code: e.code, status: 'checking' }));
        // One at a time: a weak network is why they are here.
        for (const code of todo) {
          if (generation !== listGeneration) return;
          await check(code, orgId);
        }
      },

      async submitList() {
        if (busy()) return;
        const { orgId, entries, target } = get();
        const fail = (message: string) => set({ submit: { ...IDLE, message } });
        if (orgId === null) return fail('请先选择当前单位');
        const checking = entries.filter((e) => e.status === 'checking').length;
        if (checking > 0) return fail(`还有 ${checking} 个码正在核对，请稍候`);
        const unchecked = entries.filter((e) => e.status === 'unchecked').length;
        if (unchecked > 0) return fail(`有 ${unchecked} 个码还没核对，请点「重新核对」或删除后再提交`);
        // Oldest first: the order they were scanned in.
        const codes = entries.map((e) => e.code).reverse();
        const checked =
          purpose === 'receive'
            ? checkedRequest('scan', 'receive', { codes, orgId })
            : checkedRequest('scan', 'ship', target === null ? { codes, fromOrgId: orgId } : { codes, toOrgId: target.orgId, fromOrgId: orgId });
        if (!checked.ok) return fail(checked.problem.message);
        const request: SentRequest = { codes, orgId };
        if (purpose === 'ship' && target !== null) {
          request.toOrgId = target.orgId;
          request.targetName = target.name;
          request.intent = client.newIntent();
        }
        // What an earlier reply said about an entry no longer applies to this new submit.
        set({ entries: get().entries.map((e) => (e.problem !== undefined && e.status === 'ready' ? withoutProblem(e) : e)) });
        if (deps.confirm !== undefined) {
          set({ submit: { ...IDLE, status: 'confirming' } });
          const summary = summarize(entries);
          const yes = await deps.confirm({ purpose, codes: codes.length, items: summary.items, ...(request.targetName !== undefined ? { targetName: request.targetName } : {}) });
          if (!yes) {
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
