/** Moving between the promotion subpackage's pages, the same in every app (one URL table: kit/promotions/routes.ts). */
import { createNav } from '../app-kit/nav';
import { PROMO_PAGES, type PromoPage } from '../kit/promotions/routes';

/** `home` is the app's home page (where "back" goes when a page was opened directly). */
export function promoNav(home: string): { go: (page: PromoPage, params?: Record<string, string>) => void; back: () => void } {
  const nav = createNav({ ...PROMO_PAGES, home });
  return { go: (page, params = {}) => nav.go(PROMO_PAGES[page], params), back: nav.back };
}
