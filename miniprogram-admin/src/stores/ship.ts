/**
 * Brand shipping (发货): the brand ships cases and boxes from its warehouse to a first-tier dealer,
 * which allocates the goods to that dealer. Adapted from the dealer app's running scan list.
 *
 * Every scan is parsed on the phone (a malformed code costs no round trip), then checked with
 * `scan.identify` for the brand (level, product, item count, whether the brand holds it).
 * Duplicates are ignored; hidden (reward) codes and goods the brand no longer holds are refused;
 * entries can be removed; one submit of `scan.ship { codes, toOrgId }` sends up to 1,000 codes.
 *
 * Nothing scanned is lost: the list and the receiving dealer are kept on the phone after every
 * change, and a failed submit leaves the list as it was. "Retry" sends exactly the same request
 * again (the server treats a repeated ship as the same shipment). Editing the list after a
 * failure makes the next submit a new one, confirmed again.
 *
 * No Taro here (tested in Node): services/app.ts passes the client, storage and the dialog.
 */
import { createStore } from 'zustand/vanilla';
import type { IdentifyRes, OrgView } from '@channel-router/shared/src/api/actions.js';
import type { Client, ClientError, Intent } from '@channel-router/shared/src/client/index.js';
import { parseCodeInput } from '@channel-router/shared/src/codes/parse.js';
import type { UnitLevel } from '@channel-router/shared/src/model.js';
import { MAX_CODES_PER_CALL } from '@channel-router/shared/src/validation/fields.js';
import { parseRequest } from '@channel-router/shared/src/validation/requests.js';
import { BRAND_ORG_ID } from './directory';
import { describeProblem, isRetryable, type FieldSpecs } from './form-errors';
import { label, LEVEL_LABELS } from './labels';
import { latest, LOADING, type Load } from './load';

/** One submit carries at most this many codes (docs/actions.md#bad-input). */
export const MAX_LIST_CODES = MAX_CODES_PER_CALL;

/** Where the unsent list is kept on the phone (the four apps share one origin on h5). */
export const SHIP_STORAGE_KEY = 'cr.admin.ship.brand';

export interface KeyValueStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export interface ShipEntry {
  /** Canonical code (26 upper-case characters). */
  code: string;
  /** `checking`: identify is on its way; `unchecked`: it could not be asked (network). */
  status: 'checking' | 'ready' | 'unchecked';
  level?: UnitLevel;
  productId?: string;
  productName?: string;
  /** Items inside the unit (a case of 24 → 24). */
  items?: number;
  /** Accepted, but worth a look (already shipped and not yet received, …). */
  warning?: string;
  /** Why it could not be checked, or what the server said about it on submit. */
  problem?: string;
}

export type EchoTone = 'success' | 'warning' | 'fail' | 'info';

/** The answer to one scan (the verdict replaces "checking" when it arrives). */
export interface Echo {
  tone: EchoTone;
  text: string;
  code?: string;
  /** The code was taken and is being checked (the verdict follows). */
  checking?: boolean;
}

export interface ShipTarget {
  orgId: string;
  name: string;
}

export interface ShipRequest {
  codes: string[];
  toOrgId: string;
  targetName: string;
  /** One confirmed shipment is one intent: a retry of it carries the same key and ships once. */
  intent: Intent;
}

export interface ShipResult {
  /** Items inside the shipped units, as the server counted them. */
  items: number;
  codes: number;
  targetName: string;
}

export interface SubmitState {
  status: 'idle' | 'confirming' | 'submitting' | 'done' | 'failed';
  /** Exactly what was (or is being) sent; "retry" sends it again. */
  request: ShipRequest | null;
  result: ShipResult | null;
  error: ClientError | null;
  /** Plain words for a problem found on the phone or in the reply. */
  message: string | null;
}

export interface ShipState {
  /** The first-tier dealers the brand can ship to. */
  dealers: Load<OrgView[]>;
  target: ShipTarget | null;
  /** Newest first. */
  entries: ShipEntry[];
  echo: Echo | null;
  submit: SubmitState;
  /** Loads the dealers (`channel.listOrgs { kind: 'dealer' }`); restores the list the first time. */
  load(): Promise<void>;
  setTarget(target: ShipTarget | null): void;
  /** Takes one scanned or typed code: answers at once, `done` resolves to the verdict. */
  scan(text: string): { echo: Echo; accepted: boolean; done: Promise<Echo> };
  /** `scan`, resolving with the verdict. */
  add(text: string): Promise<Echo>;
  remove(code: string): void;
  clear(): void;
  /** Asks again about the entries that could not be checked. */
  recheck(): Promise<void>;
  /** Validates, asks, sends. */
  submitList(): Promise<void>;
  /** Sends the failed request again, unchanged, without asking again. */
  retry(): Promise<void>;
  /** Leaves the result screen. */
  dismiss(): void;
}

export interface ShipDeps {
  client: Client;
  storage?: KeyValueStorage;
  /** Asked before a submit; the page shows a dialog. Omitted: no question. */
  confirm?: (summary: { codes: number; items: number; targetName: string }) => Promise<boolean>;
}

const IDLE: SubmitState = { status: 'idle', request: null, result: null, error: null, message: null };

const SPECS: FieldSpecs = { codes: { label: '扫码清单' }, toOrgId: { label: '收货经销商' } };

// ---------------------------------------------------------------------------------------------
// The rules (pure; tested on their own)

export type Judgement = { ok: true; warning?: string } | { ok: false; reason: string };

/** Whether the brand may ship what `identify` said about a code, to `target`. */
export function judgeForBrand(r: IdentifyRes, target: ShipTarget | null = null): Judgement {
  if (r.kind === 'hidden') return { ok: false, reason: '这是瓶盖内（包装内）的领奖码，请扫描包装外的码' };
  const where = r.holderName !== null && r.holderName !== '' ? `（现在在 ${r.holderName}）` : '';
  if (!r.actions.includes('ship') || r.holderOrgId !== BRAND_ORG_ID) return { ok: false, reason: `不在品牌仓库中${where}，不能由品牌发货` };
  if (r.inTransitTo !== null && target !== null && r.inTransitTo === target.orgId) return { ok: true, warning: '已发往这个经销商，对方还未签收' };
  if (r.inTransitTo !== null) return { ok: true, warning: '已发往其他经销商但未签收，将改发' };
  return { ok: true };
}

function identifyFailure(error: ClientError): { retry: boolean; text: string } {
  switch (error.code) {
    case 'INVALID_CODE':
      return { retry: false, text: '不是本品牌的码，无法识别' };
    case 'NOT_FOUND':
      return { retry: false, text: '系统中没有这个码' };
    case 'FORBIDDEN':
      return { retry: false, text: '只有品牌管理员可以发货' };
    case 'INVALID_ARGUMENT':
      return { retry: false, text: '这不是有效的码' };
    case 'RATE_LIMITED':
      return { retry: true, text: '扫得太快了，稍后重新核对' };
    default:
      return isRetryable(error) ? { retry: true, text: '网络不稳定，稍后重新核对' } : { retry: false, text: error.userMessage };
  }
}

/** The list entry a server error points at (`codes[3]` → 3), if any. */
function entryIndexOf(error: ClientError): number | null {
  const m = /^codes\[(\d+)\]/.exec(error.field ?? '');
  return m === null ? null : Number(m[1]);
}

/** Words for a failed shipment; `entryNo` is the 1-based row of the code at fault, if any. */
export function shipFailureMessage(error: ClientError, entryNo: number | null): string {
  const which = entryNo === null ? '有一个码' : `清单第 ${entryNo} 个码`;
  switch (error.code) {
    case 'FORBIDDEN':
      return '只有品牌管理员可以发品牌的货';
    case 'CONFLICT':
      return `${which}不在品牌仓库中（可能已发出），请删除后再提交`;
    case 'INVALID_CODE':
      return `${which}无法识别，请删除后再提交`;
    case 'NOT_FOUND':
      return error.field === 'toOrgId' ? '收货经销商不存在，请重新选择' : `${which}在系统中不存在，请删除后再提交`;
    case 'INVALID_ARGUMENT':
      if (error.field === 'toOrgId') return '只能发给一级经销商，请重新选择收货方';
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
}

const LEVEL_ORDER: readonly UnitLevel[] = ['pallet', 'case', 'box', 'item'];

export function summarize(entries: readonly ShipEntry[]): ListSummary {
  let items = 0;
  const levels = new Map<UnitLevel, number>();
  for (const e of entries) {
    items += e.items ?? 0;
    if (e.level !== undefined) levels.set(e.level, (levels.get(e.level) ?? 0) + 1);
  }
  const text = LEVEL_ORDER.filter((l) => levels.has(l))
    .map((l) => `${levels.get(l)} ${label(LEVEL_LABELS, l)}`)
    .join(' · ');
  return { codes: entries.length, items, levels: text };
}

// ---------------------------------------------------------------------------------------------
// What is kept on the phone

interface Saved {
  v: 1;
  target: ShipTarget | null;
  entries: ShipEntry[];
}

function restore(storage: KeyValueStorage | undefined): { target: ShipTarget | null; entries: ShipEntry[] } {
  let saved: Partial<Saved> | null = null;
  try {
    const text = storage?.get(SHIP_STORAGE_KEY) ?? null;
    saved = text === null ? null : (JSON.parse(text) as Partial<Saved>);
  } catch {
    saved = null;
  }
  if (saved === null || typeof saved !== 'object' || saved.v !== 1 || !Array.isArray(saved.entries)) return { target: null, entries: [] };
  const seen = new Set<string>();
  const entries: ShipEntry[] = [];
  for (const e of saved.entries.slice(0, MAX_LIST_CODES) as Array<Partial<ShipEntry> | null>) {
    if (e === null || typeof e !== 'object' || typeof e.code !== 'string' || !/^[0-9A-Z]{26}$/.test(e.code) || seen.has(e.code)) continue;
    seen.add(e.code);
    // An answer that never arrived before the app closed must be asked again.
    entries.push(e.status === 'ready' ? (e as ShipEntry) : { code: e.code, status: 'unchecked', problem: '尚未核对' });
  }
  const t = saved.target;
  const target = t !== null && typeof t === 'object' && typeof t?.orgId === 'string' && typeof t.name === 'string' ? { orgId: t.orgId, name: t.name } : null;
  return { target, entries };
}

function withoutProblem(e: ShipEntry): ShipEntry {
  const { problem: _gone, ...rest } = e;
  return rest;
}

// ---------------------------------------------------------------------------------------------

export function createShipStore(deps: ShipDeps) {
  const { client } = deps;
  const restored = restore(deps.storage);
  return createStore<ShipState>()((set, get) => {
    /** Bumped when the list is cleared: answers for the old list are dropped. */
    let listGeneration = 0;
    const dealerGen = latest();

    const save = () => {
      const { target, entries } = get();
      try {
        if (entries.length === 0 && target === null) deps.storage?.remove(SHIP_STORAGE_KEY);
        else deps.storage?.set(SHIP_STORAGE_KEY, JSON.stringify({ v: 1, target, entries } satisfies Saved));
      } catch {
        // Storage full or unavailable: the list stays in memory for this session.
      }
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

    const drop = (code: string) => {
      set({ entries: get().entries.filter((e) => e.code !== code) });
      save();
    };

    const patch = (code: string, generation: number, next: ShipEntry) => {
      if (generation !== listGeneration || !get().entries.some((e) => e.code === code)) return;
      set({ entries: get().entries.map((e) => (e.code === code ? next : e)) });
      save();
    };

    const check = async (code: string): Promise<Echo> => {
      const generation = listGeneration;
      const r = await client.scan.identify({ code, orgId: BRAND_ORG_ID });
      if (generation !== listGeneration || !get().entries.some((e) => e.code === code)) {
        return { tone: 'info', text: '清单已更换，这次扫码未加入', code };
      }
      if (!r.ok) {
        const f = identifyFailure(r.error);
        if (f.retry) {
          patch(code, generation, { code, status: 'unchecked', problem: f.text });
          return { tone: 'warning', text: `已加入清单，但${f.text}`, code };
        }
        drop(code);
        return { tone: 'fail', text: f.text, code };
      }
      const j = judgeForBrand(r.data, get().target);
      if (!j.ok) {
        drop(code);
        return { tone: 'fail', text: j.reason, code };
      }
      const d = r.data;
      const entry: ShipEntry = { code, status: 'ready', level: d.level, productId: d.productId, productName: d.productName, items: d.items };
      if (j.warning !== undefined) entry.warning = j.warning;
      patch(code, generation, entry);
      const what = `${label(LEVEL_LABELS, d.level)} · ${d.productName || '未知商品'} · ${d.items} 件`;
      return j.warning === undefined ? { tone: 'success', text: `已添加：${what}`, code } : { tone: 'warning', text: `已添加：${what}（${j.warning}）`, code };
    };

    const send = async () => {
      const request = get().submit.request;
      if (request === null) return;
      set({ submit: { ...get().submit, status: 'submitting', error: null, message: null } });
      const r = await client.scan.ship({ codes: request.codes, toOrgId: request.toOrgId }, { intent: request.intent });
      if (r.ok) {
        const sent = new Set(request.codes);
        const result: ShipResult = { items: r.data.items, codes: request.codes.length, targetName: request.targetName };
        set({ entries: get().entries.filter((e) => !sent.has(e.code)), submit: { ...IDLE, status: 'done', result }, echo: null });
        save();
        return;
      }
      const index = entryIndexOf(r.error);
      const badCode = index === null ? undefined : request.codes[index];
      const row = badCode === undefined ? null : get().entries.findIndex((e) => e.code === badCode) + 1 || index! + 1;
      const message = shipFailureMessage(r.error, row);
      if (badCode !== undefined) {
        set({ entries: get().entries.map((e) => (e.code === badCode ? { ...e, problem: message.replace(/^清单第 \d+ 个码/, '这个码') } : e)) });
        save();
      }
      set({ submit: { ...get().submit, status: 'failed', error: r.error, message } });
    };

    return {
      dealers: LOADING,
      target: restored.target,
      entries: restored.entries,
      echo: null,
      submit: IDLE,

      async load() {
        const mine = dealerGen.next();
        if (get().dealers.status === 'error') set({ dealers: LOADING });
        const r = await client.channel.listOrgs({ kind: 'dealer' });
        if (!dealerGen.isLatest(mine)) return;
        if (r.ok) set({ dealers: { status: 'ready', value: r.data.orgs.filter((o) => o.kind === 'dealer' && o.upstreamId === BRAND_ORG_ID) } });
        else if (get().dealers.status !== 'ready') set({ dealers: { status: 'error', error: r.error } });
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
        if (busy()) return now({ tone: 'info', text: '正在提交，请稍候再扫' }, false);
        const parsed = parseCodeInput(text);
        if (!parsed.ok) return now({ tone: 'fail', text: '这不是有效的码，请扫描包装上的二维码' }, false);
        const code = parsed.data;
        if (get().entries.some((e) => e.code === code)) return now({ tone: 'info', text: '已在清单中，已忽略', code }, true);
        if (get().entries.length >= MAX_LIST_CODES) return now({ tone: 'fail', text: `清单已满 ${MAX_LIST_CODES} 个码，请先提交这一批` }, false);
        edited();
        const checking: Echo = { tone: 'info', text: `已加入清单（共 ${get().entries.length + 1} 个码），核对中…`, code, checking: true };
        set({ entries: [{ code, status: 'checking' }, ...get().entries], echo: checking });
        save();
        const done = check(code).then((e) => {
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
        if (busy() || !get().entries.some((e) => e.code === code)) return;
        drop(code);
        edited();
      },

      clear() {
        if (busy()) return;
        listGeneration++;
        set({ entries: [], echo: null, submit: IDLE });
        save();
      },

      async recheck() {
        if (busy()) return;
        const todo = get().entries.filter((e) => e.status === 'unchecked').map((e) => e.code);
        const generation = listGeneration;
        for (const code of todo) patch(code, generation, { code, status: 'checking' });
        // One at a time: a weak network is why they are here.
        for (const code of todo) {
          if (generation !== listGeneration) return;
          const e = await check(code);
          set({ echo: e });
        }
      },

      async submitList() {
        if (busy()) return;
        const { entries, target } = get();
        const fail = (message: string) => set({ submit: { ...IDLE, message } });
        if (target === null) return fail('请先选择收货经销商');
        if (entries.length === 0) return fail('清单是空的，请先扫码');
        const checking = entries.filter((e) => e.status === 'checking').length;
        if (checking > 0) return fail(`还有 ${checking} 个码正在核对，请稍候`);
        const unchecked = entries.filter((e) => e.status === 'unchecked').length;
        if (unchecked > 0) return fail(`有 ${unchecked} 个码还没核对，请点「重新核对」或删除后再提交`);
        // Oldest first: the order they were scanned in.
        const codes = entries.map((e) => e.code).reverse();
        const checked = parseRequest('scan', 'ship', { codes, toOrgId: target.orgId });
        if (!checked.ok) return fail(describeProblem(checked.error.field, checked.error.message, SPECS).message);
        // What an earlier reply said about an entry no longer applies to this new submit.
        set({ entries: get().entries.map((e) => (e.problem !== undefined && e.status === 'ready' ? withoutProblem(e) : e)) });
        if (deps.confirm !== undefined) {
          set({ submit: { ...IDLE, status: 'confirming' } });
          const yes = await deps.confirm({ codes: codes.length, items: summarize(entries).items, targetName: target.name });
          if (!yes) {
            set({ submit: IDLE });
            return;
          }
        }
        set({ submit: { ...IDLE, request: { codes, toOrgId: target.orgId, targetName: target.name, intent: client.newIntent() } } });
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
