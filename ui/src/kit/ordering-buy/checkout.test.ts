import { describe, expect, it, vi } from 'vitest';
import { memoryStorage, storagePrefix } from '../storage';
import { errReply, LOST, okReply, scriptedClient, type Script } from '../testing';
import { createCart } from './cart';
import { createCheckout, filterCatalog, promotedProductIds, promotionBadges } from './checkout';

// Goal: one confirmed order is submitted once with the total the buyer saw; a changed price is
// shown (nothing written) and needs a new confirmation; a lost reply is retried with the same key.

const item = (productId: string, unitPrice: number, over = {}) => ({ productId, productName: `品 ${productId}`, unit: 'case', itemsPerUnit: 12, listPrice: unitPrice, unitPrice, priceSource: { scope: 'list' }, available: true, ...over });
const quote = (total: number) => ({ sellerOrgId: 'd1', lines: [{ ...item('p1', total), quantity: 1, discounts: [], net: total }], gifts: [], total, missed: [] });
const balances = { deposit: 5000, rebate: 0, credit: { limit: 100_000, used: 0, available: 100_000, overdue: 0, termDays: 30, ageing: { not_due: 0, d1_30: 0, d31_60: 0, over_60: 0 } } };
const terms = { maxRebateShare_bp: 2000 };

function setup(script: Script, confirm = true) {
  const { client, of, names } = scriptedClient({
    'trade.listRelations': [okReply({ sellers: [{ buyerOrgId: 's1', sellerOrgId: 'd1', kind: 'upstream', since: null }], history: [] })],
    'order.catalog': [okReply({ products: [item('p1', 9600)], promotions: [] })],
    ...script,
  });
  const cart = createCart({ storage: memoryStorage(), storagePrefix: storagePrefix('terminal') });
  const confirmSubmit = vi.fn(async () => confirm);
  const co = createCheckout({ client, cart, confirmSubmit });
  return { co, cart, of, names, confirmSubmit };
}

describe('checkout', () => {
  it('finds the seller, shows its catalogue, quotes the cart and pays deposit + credit', async () => {
    const { co, cart, of } = setup({
      'order.quote': [okReply(quote(9600))],
      'order.balances': [okReply(balances)],
      'trade.getTerms': [okReply(terms)],
      'order.submit': [okReply({ orderId: 'o1', orderNo: 'SO1', status: 'pending_approval', payments: [] })],
    });
    await co.getState().bind('s1');
    expect(co.getState().sellerOrgId).toBe('d1');
    expect(co.getState().catalog.status).toBe('ready');
    cart.getState().setQuantity(item('p1', 9600) as never, 1);
    await co.getState().refreshQuote();
    expect(co.getState().draft).toEqual({ deposit: 5000, credit: 4600 });
    await co.getState().submit();
    const [sent] = of('order.submit');
    expect(sent).toMatchObject({ sellerOrgId: 'd1', buyerOrgId: 's1', expectedTotal: 9600, lines: [{ productId: 'p1', quantity: 1 }], tenders: [{ kind: 'deposit', amount: 5000 }, { kind: 'credit', amount: 4600 }] });
    expect(typeof sent!['requestId']).toBe('string');
    expect(co.getState().phase).toMatchObject({ status: 'done', total: 9600, result: { orderNo: 'SO1' } });
    expect(cart.getState().lines).toEqual([]); // the cart is emptied once the order exists
  });

  it('QUOTE_CHANGED: nothing written, the new quote is shown, and the next submit is a new confirmed intent', async () => {
    const { co, cart, of, confirmSubmit } = setup({
      'order.quote': [okReply(quote(9600)), okReply(quote(9900))],
      'order.balances': [okReply(balances), okReply(balances)],
      'trade.getTerms': [okReply(terms), okReply(terms)],
      'order.submit': [errReply('QUOTE_CHANGED', 'the total is now 9900', 'expectedTotal'), okReply({ orderId: 'o1', orderNo: 'SO1', status: 'pending_approval', payments: [] })],
    });
    await co.getState().bind('s1');
    cart.getState().setQuantity(item('p1', 9600) as never, 1);
    await co.getState().refreshQuote();
    await co.getState().submit();
    expect(co.getState().changedFrom).toBe(9600);
    expect(co.getState().quote).toMatchObject({ status: 'ready', value: { total: 9900 } });
    expect(co.getState().draft).toEqual({ deposit: 5000, credit: 4900 });
    expect(cart.getState().lines).toHaveLength(1); // still there
    await co.getState().submit();
    expect(confirmSubmit).toHaveBeenCalledTimes(2);
    const [first, second] = of('order.submit');
    expect(second!['expectedTotal']).toBe(9900);
    expect(second!['requestId']).not.toBe(first!['requestId']);
  });

  it('a lost reply: retry sends the same order with the same key; a declined confirmation sends nothing', async () => {
    const { co, cart, of } = setup({
      'order.quote': [okReply(quote(100))],
      'order.balances': [okReply(balances)],
      'trade.getTerms': [okReply(terms)],
      'order.submit': [LOST, okReply({ orderId: 'o1', orderNo: 'SO1', status: 'pending_approval', payments: [] })],
    });
    await co.getState().bind('s1');
    cart.getState().setQuantity(item('p1', 100) as never, 1);
    await co.getState().refreshQuote();
    await co.getState().submit();
    expect(co.getState().phase).toMatchObject({ status: 'failed', error: { code: 'NETWORK' } });
    await co.getState().retry();
    const keys = of('order.submit').map((e) => e['requestId']);
    expect(new Set(keys).size).toBe(1);
    expect(co.getState().phase.status).toBe('done');

    const declined = setup({ 'order.quote': [okReply(quote(100))], 'order.balances': [okReply(balances)], 'trade.getTerms': [okReply(terms)] }, false);
    await declined.co.getState().bind('s1');
    declined.cart.getState().setQuantity(item('p1', 100) as never, 1);
    await declined.co.getState().refreshQuote();
    await declined.co.getState().submit();
    expect(declined.of('order.submit')).toEqual([]);
  });

  it('refuses on the phone tenders that do not add up, without asking or sending', async () => {
    const { co, cart, of, confirmSubmit } = setup({ 'order.quote': [okReply(quote(9600))], 'order.balances': [okReply(balances)], 'trade.getTerms': [okReply(terms)] });
    await co.getState().bind('s1');
    cart.getState().setQuantity(item('p1', 9600) as never, 1);
    await co.getState().refreshQuote();
    co.getState().setTender('deposit', 6000); // above the balance of 5000
    await co.getState().submit();
    expect(co.getState().phase).toMatchObject({ status: 'failed', error: { userMessage: '预存款余额只有 ¥50.00' } });
    expect(confirmSubmit).not.toHaveBeenCalled();
    expect(of('order.submit')).toEqual([]);
  });

  it('filters the catalogue by search text and chips; badges from running promotions', () => {
    const items = [item('p1', 1, { productName: '生抽' }), item('p2', 1, { productName: '老抽', unit: 'box', available: false })] as never[];
    const promos = [{ promotionId: 'pr1', title: '满 10 箱减 50', products: ['p2'] }, 42];
    const promoted = promotedProductIds(promos);
    expect(filterCatalog(items, '抽', 'all', promoted)).toHaveLength(2);
    expect(filterCatalog(items, '生', 'all', promoted).map((i: { productId: string }) => i.productId)).toEqual(['p1']);
    expect(filterCatalog(items, '', 'promo', promoted).map((i: { productId: string }) => i.productId)).toEqual(['p2']);
    expect(filterCatalog(items, '', 'available', promoted).map((i: { productId: string }) => i.productId)).toEqual(['p1']);
    expect(filterCatalog(items, '', 'box', promoted).map((i: { productId: string }) => i.productId)).toEqual(['p2']);
    expect(promotionBadges(promos, 'p2')).toEqual(['满 10 箱减 50']);
    expect(promotionBadges(promos, 'p1')).toEqual([]);
  });
});
