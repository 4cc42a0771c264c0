/**
 * The promotion, rebate and settlement screens live in one weapp subpackage, `pages-promo/`, with
 * the same page names in the admin and the dealer app (one URL table); the terminal has only the
 * buyer's rebate page there.
 */
export const PROMO_ROOT = 'pages-promo';

export const PROMO_PAGES = {
  hub: `/${PROMO_ROOT}/hub/index`,
  promotions: `/${PROMO_ROOT}/promotions/index`,
  promotion: `/${PROMO_ROOT}/promotion/index`,
  programs: `/${PROMO_ROOT}/programs/index`,
  program: `/${PROMO_ROOT}/program/index`,
  statements: `/${PROMO_ROOT}/statements/index`,
  settlements: `/${PROMO_ROOT}/settlements/index`,
  myRebates: `/${PROMO_ROOT}/my-rebates/index`,
} as const;
export type PromoPage = keyof typeof PROMO_PAGES;

const SELLER_PAGES: readonly PromoPage[] = ['hub', 'promotions', 'promotion', 'programs', 'program', 'statements', 'settlements'];

/** The subpackage's pages for `app.config.ts` (`subPackages: [{ root: PROMO_ROOT, pages }]`). */
export function promoSubpackagePages(app: 'admin' | 'dealer' | 'terminal'): string[] {
  const pages: readonly PromoPage[] = app === 'terminal' ? ['myRebates'] : app === 'dealer' ? [...SELLER_PAGES, 'myRebates'] : SELLER_PAGES;
  return pages.map((k) => PROMO_PAGES[k].slice(PROMO_ROOT.length + 2));
}
