/** The buyer's ordering screens, shared by the store (terminal) and the dealer buying from the brand. */
export { createBuyerOrdering, type BuyerOrdering, type BuyerOrderingOptions, type BuyNav } from './wiring';
export { createAppUploader, pickAndUpload } from './upload';
export { Stepper, BottomBar, CountBadge, PhotoStrip, type StepperProps, type PhotoStripProps } from './parts';
export { CatalogScreen, type CatalogScreenProps } from './catalog-screen';
export { CartScreen } from './cart-screen';
export { OrdersScreen, OrderDetailScreen } from './orders-screen';
export { NoticesScreen, ReturnScreen, BalancesScreen, ExpectedPanel, ReceiveOrderScreen } from './more-screens';
export { ReturnShipScreen } from './return-ship-screen';
