/** Promotion, rebate and settlement screens: one kit screen per seller page, wired by the admin and the dealer app; the buyer's rebates for the dealer and the store. */
export { PromoHub } from './hub';
export { PromotionListScreen } from './promotion-list';
export { PromotionEditorScreen, type PromotionEditorProps } from './promotion-editor';
export { RebateProgramsScreen, RebateProgramEditorScreen } from './rebate-programs';
export { StatementsScreen, StatementBody } from './statements';
export { SettlementsScreen } from './settlements';
export { MyRebatesScreen, type MyRebatesProps } from './my-rebates';
export type { PromoSeller, PromoSellerProps } from './context';
export { promoNav } from './nav';
