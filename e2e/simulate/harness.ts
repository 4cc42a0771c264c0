/**
 * Runs the real weapp build output of a Taro page in Node, the way WeChat would, closely enough
 * to tap through it:
 *
 * - `miniprogram-simulate` with `compiler: 'official'`: the page's WXML (Taro's generic
 *   `base.wxml` templates) is compiled by WeChat's own `wcc` binary shipped in the
 *   `miniprogram-compiler` npm package, and rendered by `j-component` into a jsdom document;
 * - `Page()` is mapped onto `Component()` (simulate only knows components), with the page
 *   lifecycles Taro's runtime expects (`onLoad`, `onShow`, `onReady`, `onUnload`);
 * - a small `wx` whose `cloud.callFunction` goes over HTTP to the real local gateway with a
 *   token from `/api/dev/login` (standing in for the identity WeChat injects), and whose
 *   device APIs (`scanCode`, `showModal`, storage…) answer from a script the test controls.
 *
 * The app's own `app.js` runs first, so Taro's React root exists before the page mounts. Pages
 * are found by class, by text, or by their `data-testid`s, read from Taro's own document (the
 * templates render no `data-*`; see `findTaroDocument`).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { JSDOM } from 'jsdom';

const require = createRequire(import.meta.url);

export interface WxScript {
  /** Successive results of `wx.scanCode` (null: the person cancels). */
  scans: Array<string | null>;
  /** Successive answers to `wx.showModal` (true: confirm). Default: confirm. */
  modals: boolean[];
}

export interface CloudCall {
  name: string;
  data: Record<string, unknown>;
  result: unknown;
}

export interface WeappEnv {
  /** Loads and renders a page (`pages/index/index`) of the build in `distDir`. */
  renderPage(pagePath: string, query?: Record<string, string>): Promise<RenderedPage>;
  readonly calls: CloudCall[];
  readonly toasts: string[];
  readonly modals: Array<{ title: string; content: string }>;
  /** Pages the app asked to open (`navigateTo`, `redirectTo`, `reLaunch`), as `url`s; not opened here. */
  readonly navigations: string[];
  /**
   * The app comes back to the foreground (WeChat's App `onShow`), e.g. because the person scanned
   * a code link with WeChat's own scanner while the app was in the background (a hot start).
   */
  show(entry: LaunchEntry): void;
  /** Removes the globals this environment installed. */
  close(): Promise<void>;
}

/** How WeChat opened the app: the launch query (a scanned link arrives as `q`) and the scene. */
export interface LaunchEntry {
  query?: Record<string, string>;
  scene?: number;
}

export interface RenderedPage {
  /** Visible text of the page, whitespace collapsed. */
  text(): string;
  /** Elements whose `class` contains `className`. */
  byClass(className: string): Element[];
  /** Taps the first element with `className` (a WeChat `tap`, bubbling as Taro expects). */
  tap(className: string, index?: number): Promise<void>;
  /** Taps the innermost element whose own text is exactly `text`. */
  tapText(text: string): Promise<void>;
  /**
   * Rendered elements whose Taro element carries `data-testid` = `testId` (or, with a trailing
   * `*`, starts with it). The weapp templates do not render `data-*` attributes, so this asks
   * Taro's own document, by the Taro element id each rendered node carries as `data-sid`.
   */
  byTestId(testId: string): Element[];
  /** Taps the first element with that test id. */
  tapTestId(testId: string): Promise<void>;
  /** Visible text of the first element with that test id, whitespace collapsed. */
  textOf(testId: string): string;
  /** The `data-*` values Taro keeps for a rendered element (`data-status` → `status`). */
  datasetOf(el: Element): Record<string, unknown>;
  /** Waits until `predicate(text())` holds (Taro renders through async setData). */
  waitForText(predicate: (text: string) => boolean, timeout_ms?: number): Promise<string>;
  readonly root: Element;
}

const GLOBAL_KEYS = [
  'window', 'document', 'navigator', 'Element', 'HTMLElement', 'Node', 'Event', 'CustomEvent', 'TouchEvent',
  'wx', 'App', 'Page', 'getApp', 'getCurrentPages', '__wxConfig',
] as const;

/** Taro's runtime calls these at start; they answer like a 375-px iPhone. */
function systemInfo() {
  return {
    brand: 'devtools', model: 'iPhone X', pixelRatio: 2, screenWidth: 375, screenHeight: 812, windowWidth: 375,
    windowHeight: 812, statusBarHeight: 44, language: 'zh_CN', version: '8.0.50', system: 'iOS 16.0', platform: 'devtools',
    SDKVersion: '3.5.0', safeArea: { left: 0, right: 375, top: 44, bottom: 778, width: 375, height: 734 },
  };
}

/** The part of Taro's own document (`@tarojs/runtime`) the harness reads. */
interface TaroDocumentLike {
  nodeName: string;
  getElementById(id: string): { dataset?: Record<string, unknown> } | null;
}

/**
 * Taro's runtime document, reached through the app's webpack runtime: a probe chunk pushed onto
 * `wx.webpackJsonp` receives `__webpack_require__`, and the runtime modules that look elements up
 * by id are required again (they ran when app.js loaded, so this returns their cached exports) to
 * find the document among their exports. Null if this Taro build is shaped differently;
 * `byTestId` then says so.
 */
function findTaroDocument(): TaroDocumentLike | null {
  const chunks = (globalThis as unknown as { wx: { webpackJsonp?: { push(c: unknown): void } } }).wx.webpackJsonp;
  if (chunks === undefined) return null;
  type Require = ((id: string) => unknown) & { m: Record<string, unknown> };
  let req: Require | null = null;
  chunks.push([['weapp-harness-probe'], {}, (r: Require) => void (req = r)]);
  if (req === null) return null;
  const r: Require = req;
  const isDocument = (v: unknown): v is TaroDocumentLike =>
    v !== null && typeof v === 'object' && (v as TaroDocumentLike).nodeName === '#document' && typeof (v as TaroDocumentLike).getElementById === 'function';
  for (const id of Object.keys(r.m)) {
    // Only the runtime modules that look documents up; they all ran when app.js loaded.
    if (!String(r.m[id]).includes('getElementById')) continue;
    const exports = r(id);
    if (exports === null || typeof exports !== 'object') continue;
    // The document itself, or Taro's `env` holding it (`env.document`).
    for (const v of Object.values(exports as Record<string, unknown>)) {
      if (isDocument(v)) return v;
      if (v !== null && typeof v === 'object' && isDocument((v as { document?: unknown }).document)) return (v as { document: TaroDocumentLike }).document;
    }
  }
  return null;
}

export function createWeappEnv(options: {
  distDir: string;
  gatewayUrl: string;
  token: string;
  script?: Partial<WxScript>;
  callTimeout_ms?: number;
  /** How the app is opened (default: from the chat list, no query). */
  launch?: LaunchEntry;
}): WeappEnv {
  const { distDir, gatewayUrl, token } = options;
  const script: WxScript = { scans: [...(options.script?.scans ?? [])], modals: [...(options.script?.modals ?? [])] };
  const callTimeout_ms = options.callTimeout_ms ?? 20_000;
  const calls: CloudCall[] = [];
  const toasts: string[] = [];
  const modals: Array<{ title: string; content: string }> = [];
  const navigations: string[] = [];
  const storage = new Map<string, unknown>();
  let launchOptions: { path: string; query: Record<string, string>; scene: number } = { path: 'pages/index/index', query: {}, scene: 1001 };
  const saved = new Map<string, unknown>();
  for (const k of GLOBAL_KEYS) saved.set(k, (globalThis as Record<string, unknown>)[k]);

  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true, url: 'https://servicewechat.com/' });
  const g = globalThis as Record<string, unknown>;
  g['window'] = dom.window;
  g['document'] = dom.window.document;
  Object.defineProperty(globalThis, 'navigator', { value: dom.window.navigator, configurable: true, writable: true });
  for (const k of ['Element', 'HTMLElement', 'Node', 'Event', 'CustomEvent'] as const) g[k] = dom.window[k];
  g['TouchEvent'] = dom.window.TouchEvent ?? dom.window.Event;

  /** Calls `success`/`fail`/`complete` like wx does, and returns a promise when none is given. */
  const api = <T>(run: (o: Record<string, unknown>) => Promise<T> | T) => (o: Record<string, unknown> = {}) => {
    const p = Promise.resolve().then(() => run(o));
    const cb = (name: string, v: unknown) => (typeof o[name] === 'function' ? (o[name] as (v: unknown) => void)(v) : undefined);
    p.then((r) => { cb('success', r); cb('complete', r); }, (e) => { cb('fail', e); cb('complete', e); });
    if (typeof o['success'] === 'function' || typeof o['fail'] === 'function') {
      p.catch(() => {});
      return undefined;
    }
    return p;
  };
  const ok = (name: string, extra: Record<string, unknown> = {}) => ({ errMsg: `${name}:ok`, ...extra });

  const callFunction = async (o: Record<string, unknown>) => {
    const name = String(o['name']);
    const data = (o['data'] ?? {}) as Record<string, unknown>;
    const res = await fetch(`${gatewayUrl}/api/fn/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(data),
      signal: AbortSignal.timeout(callTimeout_ms),
    });
    if (res.status !== 200) throw { errCode: -404011, errMsg: `cloud.callFunction:fail HTTP ${res.status}` };
    const result: unknown = await res.json();
    calls.push({ name, data, result });
    return ok('cloud.callFunction', { result, requestID: `local-${calls.length}` });
  };

  const known: Record<string, unknown> = {
    getSystemInfoSync: systemInfo,
    getWindowInfo: systemInfo,
    getDeviceInfo: systemInfo,
    getAppBaseInfo: systemInfo,
    getSystemSetting: () => ({}),
    getLaunchOptionsSync: () => launchOptions,
    getEnterOptionsSync: () => launchOptions,
    getAppAuthorizeSetting: () => ({}),
    getSystemInfo: api(() => ok('getSystemInfo', systemInfo())),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 48, bottom: 80, left: 281, right: 368 }),
    canIUse: () => true,
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    getStorageSync: (k: string) => (storage.has(k) ? storage.get(k) : ''),
    setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
    removeStorageSync: (k: string) => void storage.delete(k),
    scanCode: api(() => {
      const next = script.scans.shift();
      if (next === undefined || next === null) throw { errMsg: 'scanCode:fail cancel' };
      return ok('scanCode', { result: next, scanType: 'QR_CODE', charSet: 'utf-8' });
    }),
    showModal: api((o) => {
      modals.push({ title: String(o['title'] ?? ''), content: String(o['content'] ?? '') });
      const yes = script.modals.shift() ?? true;
      return ok('showModal', { confirm: yes, cancel: !yes });
    }),
    showToast: api((o) => {
      toasts.push(String(o['title'] ?? ''));
      return ok('showToast');
    }),
    hideToast: api(() => ok('hideToast')),
    showLoading: api(() => ok('showLoading')),
    hideLoading: api(() => ok('hideLoading')),
    getFuzzyLocation: api(() => {
      throw { errMsg: 'getFuzzyLocation:fail auth deny' };
    }),
    navigateTo: api((o) => {
      navigations.push(String(o['url'] ?? ''));
      return ok('navigateTo');
    }),
    navigateBack: api(() => ok('navigateBack')),
    redirectTo: api((o) => {
      navigations.push(String(o['url'] ?? ''));
      return ok('redirectTo');
    }),
    reLaunch: api((o) => {
      navigations.push(String(o['url'] ?? ''));
      return ok('reLaunch');
    }),
    setNavigationBarTitle: api(() => ok('setNavigationBarTitle')),
    stopPullDownRefresh: api(() => ok('stopPullDownRefresh')),
    createSelectorQuery: () => ({ in: function () { return this; }, select: function () { return this; }, selectAll: function () { return this; }, boundingClientRect: function () { return this; }, exec: () => {} }),
    onAppShow: () => {},
    onAppHide: () => {},
    offAppShow: () => {},
    offAppHide: () => {},
    cloud: { init: () => {}, callFunction: api(callFunction) },
  };
  // Anything else Taro touches answers "ok" rather than crashing the page.
  g['wx'] = new Proxy(known, {
    get(target, key) {
      if (typeof key !== 'string') return undefined;
      if (key in target) return target[key];
      if (key === 'webpackJsonp') return undefined;
      return api(() => ok(key));
    },
    set(target, key, value) {
      target[key as string] = value;
      return true;
    },
    has: () => true,
  });

  let appInstance: Record<string, unknown> | null = null;
  const pageStack: Array<Record<string, unknown>> = [];
  g['getApp'] = () => appInstance;
  g['getCurrentPages'] = () => pageStack;
  g['App'] = (config: Record<string, unknown>) => {
    appInstance = config;
  };
  g['__wxConfig'] = { envVersion: 'develop', platform: 'devtools' };

  // miniprogram-simulate reads `window`/`document` when it is first required: after the globals.
  const simulate = require('miniprogram-simulate') as {
    load(p: string, o: Record<string, unknown>): string;
    render(id: string, props?: Record<string, unknown>): { dom: Element; attach(parent: Element): void; instance: unknown };
  };
  const exparser = require('miniprogram-exparser') as {
    Event: { create(name: string, detail: unknown, o: Record<string, unknown>): unknown; dispatchEvent(target: unknown, e: unknown): void };
  };

  let currentRoute = '';
  let currentQuery: Record<string, string> = {};
  g['Page'] = (config: Record<string, unknown>) => {
    const methods: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(config)) if (typeof v === 'function') methods[k] = v;
    const data = (config['data'] as Record<string, unknown> | undefined) ?? {};
    const route = currentRoute;
    const query = currentQuery;
    (globalThis as unknown as { Component: (o: unknown) => void }).Component({
      data,
      methods,
      lifetimes: {
        attached(this: Record<string, unknown> & { onLoad?: (q: unknown) => void; onShow?: () => void }) {
          this['route'] = route;
          this['__route__'] = route;
          this['options'] = query;
          pageStack.push(this);
          this.onLoad?.(query);
          this.onShow?.();
        },
        ready(this: { onReady?: () => void }) {
          this.onReady?.();
        },
        detached(this: { onUnload?: () => void }) {
          const i = pageStack.indexOf(this as unknown as Record<string, unknown>);
          if (i >= 0) pageStack.splice(i, 1);
          this.onUnload?.();
        },
      },
    });
  };

  // The app bundle (runtime, Taro, vendors, React root) runs once, as WeChat runs app.js first.
  require(path.join(distDir, 'app.js'));
  if (appInstance === null) throw new Error('app.js did not call App()');
  const app = appInstance as Record<string, (o: unknown) => void>;
  const launch = { path: 'pages/index/index', query: options.launch?.query ?? {}, scene: options.launch?.scene ?? 1001 };
  launchOptions = launch;
  app['onLaunch']?.call(app, launch);
  app['onShow']?.call(app, launch);

  const taroDocument = findTaroDocument();

  const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

  /** A WeChat `tap` on the element, through exparser so Taro's `bindtap` handlers see it. */
  const tapElement = async (el: Element) => {
    const wxElement = (el as Element & { __wxElement?: unknown }).__wxElement;
    if (wxElement === undefined) throw new Error(`<${el.tagName.toLowerCase()}> is not a rendered wx element`);
    const extraFields = { touches: [], changedTouches: [] };
    exparser.Event.dispatchEvent(wxElement, exparser.Event.create('tap', { x: 0, y: 0 }, { bubbles: true, composed: true, capturePhase: true, extraFields }));
    await new Promise((r) => setTimeout(r, 0));
  };

  return {
    calls,
    toasts,
    modals,
    navigations,
    show(entry) {
      const shown = { path: 'pages/index/index', query: entry.query ?? {}, scene: entry.scene ?? 1001 };
      launchOptions = shown;
      app['onShow']?.call(app, shown);
    },
    async renderPage(pagePath, query = {}) {
      currentRoute = pagePath;
      currentQuery = query;
      const id = simulate.load(path.join(distDir, pagePath), { compiler: 'official', rootPath: distDir });
      const comp = simulate.render(id);
      const parent = dom.window.document.createElement('div');
      dom.window.document.body.appendChild(parent);
      comp.attach(parent);
      const root = comp.dom;
      const page: RenderedPage = {
        root,
        text: () => collapse(root.textContent ?? ''),
        // simulate prefixes every class with the component's tag name (`main--cr-button`).
        byClass: (className) =>
          [...root.querySelectorAll('*')].filter((e) =>
            (e.getAttribute('class') ?? '').split(/\s+/).some((c) => c === className || c === `main--${className}`),
          ),
        async tap(className, index = 0) {
          const el = page.byClass(className)[index];
          if (el === undefined) throw new Error(`no element with class ${className} in: ${page.text()}`);
          await tapElement(el);
        },
        async tapText(text) {
          const matches = [...root.querySelectorAll('*')].filter((e) => collapse(e.textContent ?? '') === text);
          // The innermost match is the element itself; Taro's handler is found by bubbling up.
          const el = matches.at(-1);
          if (el === undefined) throw new Error(`no element with text ${text} in: ${page.text()}`);
          await tapElement(el);
        },
        byTestId(testId) {
          if (taroDocument === null) throw new Error("byTestId: Taro's document was not found in this build");
          const prefix = testId.endsWith('*') ? testId.slice(0, -1) : null;
          const matches = (v: unknown) => typeof v === 'string' && (prefix === null ? v === testId : v.startsWith(prefix));
          // Every rendered Taro node carries its Taro element id as `data-sid`.
          return [...root.querySelectorAll('[data-sid]')].filter((e) => matches(taroDocument.getElementById(e.getAttribute('data-sid')!)?.dataset?.['testid']));
        },
        async tapTestId(testId) {
          const el = page.byTestId(testId)[0];
          if (el === undefined) throw new Error(`no element with test id ${testId} in: ${page.text()}`);
          await tapElement(el);
        },
        datasetOf(el) {
          if (taroDocument === null) throw new Error("datasetOf: Taro's document was not found in this build");
          const sid = el.getAttribute('data-sid');
          return (sid === null ? undefined : taroDocument.getElementById(sid)?.dataset) ?? {};
        },
        textOf(testId) {
          const el = page.byTestId(testId)[0];
          if (el === undefined) throw new Error(`no element with test id ${testId} in: ${page.text()}`);
          return collapse(el.textContent ?? '');
        },
        async waitForText(predicate, timeout_ms = 15_000) {
          const deadline = Date.now() + timeout_ms;
          for (;;) {
            const t = page.text();
            if (predicate(t)) return t;
            if (Date.now() > deadline) throw new Error(`timed out waiting; page text: ${t}`);
            await new Promise((r) => setTimeout(r, 50));
          }
        },
      };
      return page;
    },
    async close() {
      // Let Taro's pending setData timers run before the globals they use go away.
      await new Promise((r) => setTimeout(r, 100));
      for (const [k, v] of saved) {
        if (v === undefined) delete (globalThis as Record<string, unknown>)[k];
        else Object.defineProperty(globalThis, k, { value: v, configurable: true, writable: true });
      }
      dom.window.close();
    },
  };
}
