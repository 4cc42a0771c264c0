/**
 * Goal: the product rules the code cites are in the repository. Every `docs/<page>.md#<anchor>`
 * cited in code, tests or docs names a page that exists and a heading of it, and nothing cites
 * "spec §N" of a specification kept outside the repository. A fixture proves both checks fire.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './build-functions.mjs';

const ROOTS = ['shared', 'server', 'local-cloud', 'cloudfunctions', 'ui', 'miniprogram-admin', 'miniprogram-dealer', 'miniprogram-terminal', 'miniprogram-consumer', 'e2e', 'bench', 'scripts', 'docs', 'database'];
const SKIP_DIRS = new Set(['node_modules', 'dist', '.swc', 'fixtures', 'build']);
const TEXT = /\.(ts|tsx|mts|mjs|cjs|js|md|json|css)$/;
const MAX_FILES = 20_000;
const CITATION = /docs\/([a-z0-9-]+\.md)(?:#([a-z0-9-]+))?/g;
const OUTSIDE_SPEC = /\bspec\s*§/i;
const THIS_FILE = path.join('scripts', 'doc-citations.test.ts');

function files(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(e.name) || e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) files(full, out);
    else if (TEXT.test(e.name) && !e.name.endsWith('index.js')) out.push(full);
    if (out.length > MAX_FILES) throw new Error(`more than ${MAX_FILES} files under ${dir}`);
  }
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s/g, '-');
}

function anchors(page: string): Set<string> {
  const text = readFileSync(page, 'utf8');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchorOf(m[1]!)));
}

/** Problems in one file's text: citations of missing pages or headings, and outside spec citations. */
function problems(rel: string, text: string, docsDir: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const where = `${rel}:${i + 1}`;
    if (OUTSIDE_SPEC.test(line)) out.push(`${where}: cites a spec section; cite a docs/ page instead`);
    for (const m of line.matchAll(CITATION)) {
      const page = path.join(docsDir, m[1]!);
      if (!existsSync(page)) out.push(`${where}: docs/${m[1]} does not exist`);
      else if (m[2] !== undefined && !anchors(page).has(m[2])) out.push(`${where}: docs/${m[1]} has no heading #${m[2]}`);
    }
  });
  return out;
}

describe('citations of the product rules', () => {
  it('name docs pages and headings that exist, and no outside specification', () => {
    const all: string[] = [];
    for (const r of ROOTS) if (existsSync(path.join(REPO_ROOT, r))) files(path.join(REPO_ROOT, r), all);
    all.push(path.join(REPO_ROOT, 'README.md'));
    const found: string[] = [];
    let citations = 0;
    for (const f of all) {
      const rel = path.relative(REPO_ROOT, f);
      if (rel === THIS_FILE) continue;
      const text = readFileSync(f, 'utf8');
      citations += [...text.matchAll(CITATION)].length;
      found.push(...problems(rel, text, path.join(REPO_ROOT, 'docs')));
    }
    expect(found).toEqual([]);
    expect(citations).toBeGreaterThan(50);
  });

  it('report a missing page, a missing heading and a spec section', () => {
    const text = ['// docs/custody.md#receive is fine', '// docs/nowhere.md#x', '// docs/custody.md#no-such-heading', '// see spec §4'].join('\n');
    expect(problems('x.ts', text, path.join(REPO_ROOT, 'docs'))).toEqual([
      'x.ts:2: docs/nowhere.md does not exist',
      'x.ts:3: docs/custody.md has no heading #no-such-heading',
      'x.ts:4: cites a spec section; cite a docs/ page instead',
    ]);
  });
});
