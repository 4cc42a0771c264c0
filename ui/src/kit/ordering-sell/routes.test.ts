import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SELL_PAGES, SELL_ROOT, sellSubpackagePages } from './routes';

// Goal: the seller's pages are one subpackage with the same page names in the dealer and admin
// apps, as the kit's URL table says: each app's config lists exactly those pages under
// `pages-sell`, and each page exists in the app's sources (the admin has the brand's price list).

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

function subpackagePages(app: 'dealer' | 'admin'): string[] {
  const config = readFileSync(path.join(REPO, `miniprogram-${app}/src/app.config.ts`), 'utf8');
  const m = new RegExp(`root: '${SELL_ROOT}',\\s*pages: \\[([^\\]]*)\\]`).exec(config);
  if (m === null) throw new Error(`${app}: no ${SELL_ROOT} subpackage in app.config.ts`);
  return [...m[1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]!);
}

describe('seller pages', () => {
  for (const app of ['dealer', 'admin'] as const) {
    it(`${app}: the subpackage lists the kit's seller pages, each present in the sources`, () => {
      expect(subpackagePages(app)).toEqual(sellSubpackagePages(app));
      for (const p of sellSubpackagePages(app)) expect(existsSync(path.join(REPO, `miniprogram-${app}/src/${SELL_ROOT}/${p}.tsx`)), p).toBe(true);
    });
  }

  it('only the brand has the list-price page', () => {
    expect(sellSubpackagePages('admin').length - sellSubpackagePages('dealer').length).toBe(1);
    expect(SELL_PAGES.prices).toBe('/pages-sell/prices/index');
  });
});
