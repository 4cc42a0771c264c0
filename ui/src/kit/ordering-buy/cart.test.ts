import { describe, expect, it } from 'vitest';
import { memoryStorage, storagePrefix } from '../storage';
import { CART_MAX_AGE_MS, CART_MAX_QUANTITY, cartCountText, cartRequestLines, cartStorageKey, cartSummary, createCart, quantityOf, restoreCart } from './cart';

// Goal: the cart survives closing the app, per buyer and seller; it never holds what the server
// would refuse (quantities out of bounds, malformed or stale saved data).

const soy = { productId: 'p_soy', productName: '生抽 500ml', unit: 'case' as const, itemsPerUnit: 12, unitPrice: 9600 };
const vin = { productId: 'p_vin', productName: '香醋', unit: 'box' as const, itemsPerUnit: 6, unitPrice: 3000 };
const PREFIX = storagePrefix('terminal');

describe('cart', () => {
  it('keeps the lines across a restart (a new store over the same storage), per buyer and seller', () => {
    const storage = memoryStorage();
    const a = createCart({ storage, storagePrefix: PREFIX, now: () => 1000 });
    a.getState().bind('store_1', 'dealer_1');
    a.getState().setQuantity(soy, 3);
    a.getState().setQuantity(vin, 2);
    a.getState().setQuantity(soy, 5);
    expect(storage.data.has(cartStorageKey(PREFIX, 'store_1', 'dealer_1'))).toBe(true);

    const b = createCart({ storage, storagePrefix: PREFIX, now: () => 2000 });
    b.getState().bind('store_1', 'dealer_1');
    expect(b.getState().lines.map((l) => [l.productId, l.quantity])).toEqual([['p_soy', 5], ['p_vin', 2]]);
    expect(cartRequestLines(b.getState().lines)).toEqual([{ productId: 'p_soy', quantity: 5 }, { productId: 'p_vin', quantity: 2 }]);
    expect(cartSummary(b.getState().lines)).toEqual({ products: 2, units: 7, estimate: 5 * 9600 + 2 * 3000 });
    expect(cartCountText(b.getState().lines)).toBe('已选 2 种，共 7 个单位');
    expect(cartCountText(b.getState().lines.slice(0, 1))).toBe('已选 1 种，共 5 箱');

    // Another seller or another store on the same phone: another (empty) cart.
    b.getState().bind('store_1', 'dealer_2');
    expect(b.getState().lines).toEqual([]);
    b.getState().bind('store_2', 'dealer_1');
    expect(b.getState().lines).toEqual([]);
  });

  it('removes a product at 0, clamps quantities to the server bound, and forgets an emptied cart', () => {
    const storage = memoryStorage();
    const c = createCart({ storage, storagePrefix: PREFIX });
    c.getState().bind('s', 'd');
    expect(c.getState().setQuantity(soy, CART_MAX_QUANTITY + 5)).toBe(CART_MAX_QUANTITY);
    expect(c.getState().setQuantity(vin, 2.7)).toBe(2);
    expect(c.getState().setQuantity(vin, -1)).toBe(0);
    expect(quantityOf(c.getState().lines, 'p_vin')).toBe(0);
    c.getState().clear();
    expect(storage.data.size).toBe(0);
  });

  it('drops saved data that is malformed, duplicated or older than the limit', () => {
    const good = { ...soy, quantity: 2 };
    expect(restoreCart({ savedAt: 0, lines: [good, good, { ...vin, quantity: 0 }, { ...vin, unit: 'pallet', quantity: 1 }, 'x'] }, 10)).toEqual([good]);
    expect(restoreCart({ savedAt: 0, lines: [good] }, CART_MAX_AGE_MS + 1)).toEqual([]);
    expect(restoreCart('{', 0)).toEqual([]);
    const storage = memoryStorage({ [cartStorageKey(PREFIX, 's', 'd')]: 'not json' });
    const c = createCart({ storage, storagePrefix: PREFIX });
    c.getState().bind('s', 'd');
    expect(c.getState().lines).toEqual([]);
  });

  it('without a bound buyer and seller nothing is written', () => {
    const storage = memoryStorage();
    const c = createCart({ storage, storagePrefix: PREFIX });
    c.getState().setQuantity(soy, 1);
    expect(storage.data.size).toBe(0);
  });
});
