/**
 * One app's buying side, made once in its services file:
 *
 *   export const buying = createBuyerOrdering({ client, app: 'terminal', storage, sellerWord: '供货商' });
 *
 * The stores (no Taro, tested in ui/src/kit/ordering-buy/) with the app's confirmations, which ask
 * before money moves (docs/ui.md#using-it), and the photo uploader.
 */
import type { AppName, Client } from '@channel-router/shared/client';
import type { OrderView, ReturnView } from '@channel-router/shared/api';
import { formatFen } from '@channel-router/shared/money';
import { confirm } from '../../feedback';
import type { KeyValueStorage } from '../../kit/storage';
import { storagePrefix } from '../../kit/storage';
import {
  createBalances,
  createCart,
  createCheckout,
  createExpected,
  createNotices,
  createOrderDetail,
  createOrderList,
  createReturnForm,
  createReturnShipList,
  tenderSummary,
} from '../../kit/ordering-buy';
import { createAppUploader } from './upload';

export interface BuyerOrderingOptions {
  client: Client;
  app: Extract<AppName, 'terminal' | 'dealer'>;
  storage: KeyValueStorage;
  /** How the seller is called on this app's screens: 供货商 (a store's dealer), 品牌方 (a dealer's brand). */
  sellerWord: string;
  /** weapp uploads: the signed-in person's openId (the folder the functions check). */
  openId?: () => string | null;
}

export function createBuyerOrdering(o: BuyerOrderingOptions) {
  const { client } = o;
  const cart = createCart({ storage: o.storage, storagePrefix: storagePrefix(o.app) });
  const checkout = createCheckout({
    client,
    cart,
    confirmSubmit: ({ total, draft }) =>
      confirm({
        title: `提交订单 ${formatFen(total)}？`,
        content: `${tenderSummary(draft).join('，')}。预存款、返利和赊销额度会立即冻结，${o.sellerWord}审核后发货。`,
        confirmText: '提交订单',
        danger: true,
      }),
  });
  return {
    sellerWord: o.sellerWord,
    cart,
    checkout,
    orderList: createOrderList(client),
    detail: createOrderDetail({
      client,
      confirmCancel: (order) =>
        confirm({ title: '取消这个订单？', content: `订单 ${order.orderNo} 取消后，冻结的余额和额度会退回。`, confirmText: '取消订单', cancelText: '不取消', danger: true }),
    }),
    notices: createNotices(client),
    balances: createBalances({
      client,
      confirmTopUp: (fen, method) =>
        confirm({
          title: `充值预存款 ${formatFen(fen)}？`,
          content: method === 'transfer' ? `线下转账充值，${o.sellerWord}财务确认到账后计入预存款。` : '微信支付充值，支付成功后计入预存款。',
          confirmText: '充值',
          danger: true,
        }),
    }),
    returns: createReturnForm({
      client,
      confirmReturn: (order, refund) =>
        confirm({ title: `申请退货，预计退款 ${formatFen(refund)}？`, content: `订单 ${order.orderNo}。${o.sellerWord}同意并收到退货后，按原支付方式退回。`, confirmText: '提交申请' }),
    }),
    expected: createExpected(client),
    /** The scan list sending one approved return back to the seller (扫码退回). */
    returnShipList: (order: OrderView, ret: ReturnView) =>
      createReturnShipList({
        client,
        storage: o.storage,
        storagePrefix: storagePrefix(o.app),
        order,
        ret,
        sellerName: o.sellerWord,
        confirm: (s) => confirm({ title: `退回 ${s.codes} 个码（共 ${s.items} 件）？`, content: `退货的商品发回${o.sellerWord}，${o.sellerWord}扫码收货后按原支付方式退款。`, confirmText: '确认退回' }),
      }),
    uploader: createAppUploader(o.app, o.openId),
  };
}

export type BuyerOrdering = ReturnType<typeof createBuyerOrdering>;

/** Where the buying screens lead; each app maps these to its pages. */
export interface BuyNav {
  catalog(): void;
  cart(): void;
  orders(): void;
  order(orderId: string): void;
  returnOf(orderId: string): void;
  /** 扫码退回: send an approved return's goods back by scanning. */
  shipReturn(orderId: string, returnId: string): void;
  notices(): void;
  balances(): void;
  receive(): void;
}
