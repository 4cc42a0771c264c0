import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROMO_ROOT, promoSubpackagePages } from './routes';

const REPO = join(__dirname, '..', '..', '..', '..');
const APPS = { admin: 'miniprogram-admin', dealer: 'miniprogram-dealer', terminal: 'miniprogram-terminal' } as const;

describe('the promotion subpackage in each app', () => {
  it('goal: every app declares exactly the kit\'s pages in its pages-promo subpackage, and each page exists', () => {
    for (const [app, dir] of Object.entries(APPS) as Array<[keyof typeof APPS, string]>) {
      const config = readFileSync(join(REPO, dir, 'src', 'app.config.ts'), 'utf8');
      const m = new RegExp(`root: '${PROMO_ROOT}', pages: \\[([^\\]]*)\\]`).exec(config);
      expect(m, `${app}: subPackages entry`).not.toBeNull();
      const declared = [...m![1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]);
      expect(declared, app).toEqual(promoSubpackagePages(app));
      for (const page of declared) expect(existsSync(join(REPO, dir, 'src', PROMO_ROOT, `${page}.tsx`)), `${app} ${page}`).toBe(true);
    }
  });
});
