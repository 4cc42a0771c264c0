/**
 * Static hosting of the four H5 builds under /admin/, /dealer/, /terminal/, /consumer/, an index
 * page at /, and a friendly page when an app is not built yet.
 *
 * Single-page apps: a path without a file extension that matches no file gets the app's index.html
 * (client-side routing). Paths are decoded, normalised and checked to stay inside the app's
 * directory (symlinks included) before anything is read.
 */
import { createReadStream, existsSync, realpathSync, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { APPS, type AppName } from '../runner/sdk-env.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

/** Longer URL paths are not paths of these apps. */
const MAX_PATH_LENGTH = 2048;

const APP_TITLES: Record<AppName, string> = {
  admin: '品牌管理端 Admin',
  dealer: '经销商端 Dealer',
  terminal: '门店端 Terminal',
  consumer: '消费者端 Consumer',
};

export type AppDirs = Readonly<Record<AppName, string>>;

/** Default layout: `<root>/miniprogram-<app>/dist/h5`. */
export function defaultAppDirs(root: string): AppDirs {
  return Object.fromEntries(APPS.map((a) => [a, path.join(root, `miniprogram-${a}`, 'dist', 'h5')])) as Record<AppName, string>;
}

function isBuilt(dir: string): boolean {
  return existsSync(path.join(dir, 'index.html'));
}

function sendHtml(res: ServerResponse, status: number, html: string, head: boolean): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(html)),
    'Cache-Control': 'no-cache',
  });
  res.end(head ? undefined : html);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}a{display:block;padding:.75rem 0;font-size:1.1rem}code{background:#f2f2f2;padding:.1rem .3rem;border-radius:3px}.muted{color:#777}</style></head><body>${body}</body></html>`;
}

export function indexPage(dirs: AppDirs): string {
  const links = APPS.map((a) => {
    const note = isBuilt(dirs[a]) ? '' : ' <span class="muted">(not built yet)</span>';
    return `<a href="/${a}/">${APP_TITLES[a]}</a>${note}`;
  }).join('');
  return page('Channel Router 渠道路由器 (local)', `<h1>Channel Router 渠道路由器</h1><p>Local cloud. The four mini-programs:</p>${links}<p class="muted">API: <code>POST /api/fn/&lt;name&gt;</code>, health: <a style="display:inline" href="/api/health">/api/health</a></p>`);
}

function notBuiltPage(app: AppName): string {
  return page(`${app}: not built yet`, `<h1>${APP_TITLES[app]}: not built yet</h1><p>The H5 build of <code>miniprogram-${app}</code> is missing. Build it, then reload this page:</p><p><code>npm run build:h5</code></p><p><a href="/">All apps</a></p>`);
}

/** Resolves a URL path inside `root`, or null when it would leave it (or is not a valid path). */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const normalised = path.posix.normalize(`/${decoded}`);
  const full = path.join(root, normalised);
  const rel = path.relative(root, full);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return full;
}

/** The real path must still be inside the app's real directory (no symlink escapes). */
function realInside(rootReal: string, file: string): boolean {
  try {
    const rel = path.relative(rootReal, realpathSync(file));
    return !rel.startsWith('..') && !path.isAbsolute(rel);
  } catch {
    return false;
  }
}

function statFile(file: string): Stats | null {
  try {
    const s = statSync(file);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, st: Stats, head: boolean): void {
  const etag = `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const headers = {
    'Content-Type': type,
    ETag: etag,
    // Rebuilds replace files in place during development: always revalidate (cheap with ETag).
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': String(st.size) });
  if (head) {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/**
 * Serves GET/HEAD for `/`, `/<app>` and `/<app>/...`. Returns false when the path is not one of
 * these (the caller answers 404).
 */
export function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string, dirs: AppDirs): boolean {
  const head = req.method === 'HEAD';
  if (pathname === '/' || pathname === '/index.html') {
    sendHtml(res, 200, indexPage(dirs), head);
    return true;
  }
  const match = /^\/([a-z]+)(\/.*)?$/.exec(pathname);
  const app = match?.[1] as AppName | undefined;
  if (!match || !app || !APPS.includes(app)) return false;
  if (match[2] === undefined) {
    res.writeHead(301, { Location: `/${app}/` });
    res.end();
    return true;
  }
  const root = dirs[app];
  if (!isBuilt(root)) {
    sendHtml(res, 503, notBuiltPage(app), head);
    return true;
  }
  const rest = match[2];
  if (rest.length > MAX_PATH_LENGTH) {
    sendText(res, 414, 'path too long');
    return true;
  }
  const file = resolveInside(root, rest.endsWith('/') ? `${rest}index.html` : rest);
  if (file === null) {
    sendText(res, 400, 'bad path');
    return true;
  }
  const rootReal = realpathSync(root);
  const st = statFile(file);
  if (st && realInside(rootReal, file)) {
    sendFile(req, res, file, st, head);
    return true;
  }
  // Client-side route (no extension): the app's shell. A missing asset stays a 404.
  if (path.extname(file) === '') {
    const shell = path.join(root, 'index.html');
    const shellSt = statFile(shell);
    if (shellSt) {
      sendFile(req, res, shell, shellSt, head);
      return true;
    }
  }
  sendText(res, 404, 'not found');
  return true;
}
