import { describe, expect, it } from 'vitest';
import { FUNCTION_ACTIONS } from '../api/actions.js';
import { MAX_FEN } from '../money.js';
import { gtinCheckDigitOk } from './fields.js';
import { parseRequest, requestParser } from './requests.js';

const CODE = 'https://t.example.com/c/7K3M9QW2XR5TB8NDP4HZ6JV1CA';
const policy = { consumerReward: { min: 10, max: 100 }, storeReward: 50, dealerRebate: 30, diversionPenalty: 500 };

/** One valid request per action; each test below breaks one field of it. */
const VALID = {
  channel: {
    bootstrap: { brandName: '示例酒业' },
    createOrg: { kind: 'dealer', name: '广州经销商', upstreamId: 'brand', regionCode: '440100', territory: ['440000'] },
    invite: { orgId: 'dealer_abc', role: 'owner' },
    join: { inviteCode: 'ab12cd34ef' },
    me: {},
    createProduct: { sku: 'BJ-500ML', name: '白酒 500ml', gtin: '6901234567892', category: '白酒', packaging: { itemsPerBox: 6, boxesPerCase: 4 }, policy },
    setProductCategory: { productId: 'prd_abc', category: '白酒' },
    listOrgs: { kind: 'store', upstreamId: 'dealer_abc' },
    listProducts: {},
  },
  codes: {
    createBatch: { productId: 'prd_1', cases: 10 },
    exportBatch: { batchId: 'bat_1' },
    pack: { parent: CODE, children: ['7K3M9QW2XR5TB8NDP4HZ6JV1CB'] },
    unpack: { parent: CODE },
    listBatches: { productId: 'prd_1' },
  },
  scan: {
    ship: { codes: [CODE], toOrgId: 'store_1' },
    receive: { codes: [CODE], location: { lat: 23.1, lng: 113.3 } },
    redeem: { code: CODE, location: { lat: 23.1, lng: 113.3 } },
    verify: { code: CODE },
    inspect: { code: CODE, orgId: 'store_1' },
    identify: { code: CODE },
    open: { code: CODE },
    stockIn: { batchId: 'bat_1', requestId: 'stockin-0001' },
  },
  wallet: {
    fund: { amount: 100000 },
    balance: {},
    history: { orgId: 'store_1', cursor: 'abc', limit: 20 },
    withdraw: { amount: 100, requestId: 'req-0001-abcd' },
    approveWithdrawal: { withdrawalId: 'wd_1' },
    rejectWithdrawal: { withdrawalId: 'wd_1', reason: '信息不符' },
    settlePenalty: { penaltyId: 'redeem:ABC:penalty', resolution: 'deduct' },
    listWithdrawals: { status: 'requested' },
  },
  report: {
    alerts: { kind: 'diversion' },
    penalties: { dealerId: 'dealer_1' },
    stock: { orgId: 'store_1' },
    diversion: { since: 0 },
    dashboard: { days: 14 },
    stockCheck: { orgId: 'dealer_1' },
    ordering: { kind: 'sales_by_day', sellerOrgId: 'dealer_1', from: 0, to: 86_400_000, format: 'csv' },
  },
  order: {
    stock: { orgId: 'dealer_1', productIds: ['prd_1'] },
    stockMoves: { orgId: 'dealer_1', productId: 'prd_1', limit: 20 },
    setSafetyStock: { orgId: 'dealer_1', productId: 'prd_1', safetyUnits: 2 },
    catalog: { sellerOrgId: 'dealer_1' },
    quote: { sellerOrgId: 'dealer_1', lines: [{ productId: 'prod_1', quantity: 3 }] },
    submit: {
      sellerOrgId: 'dealer_1',
      lines: [{ productId: 'prod_1', quantity: 3 }],
      tenders: [{ kind: 'deposit', amount: 5000 }, { kind: 'transfer', amount: 2197, receiptFileId: 'cloud://env.bucket/receipts/1.jpg' }],
      expectedTotal: 7197,
      requestId: 'intent-0001',
    },
    get: { orderId: 'ord_1' },
    list: { side: 'sell', status: 'pending_approval', limit: 20 },
    approve: { orderId: 'ord_1' },
    reject: { orderId: 'ord_1', reason: '缺货' },
    cancel: { orderId: 'ord_1' },
    closeRemainder: { orderId: 'ord_1', reason: '余货不发' },
    confirmTransfer: { paymentId: 'pay_1' },
    rejectTransfer: { paymentId: 'pay_1', reason: '未到账' },
    transfers: { orgId: 'dealer_1', limit: 20, cursor: '1764806400000/pay_1' },
    balances: { buyerOrgId: 'store_1', sellerOrgId: 'dealer_1' },
    returns: { orgId: 'dealer_1', limit: 20, cursor: '1764806400000/ret_1' },
    requestReturn: { orderId: 'ord_1', lines: [{ lineId: 'L1', quantity: 2 }], reason: '破损', photos: ['cloud://env.bucket/r/1.jpg'], requestId: 'return-0001' },
    approveReturn: { returnId: 'ret_1' },
    rejectReturn: { returnId: 'ret_1', reason: '已过保质期' },
    topUp: { sellerOrgId: 'dealer_1', amount: 100000, method: 'wechat_pay', requestId: 'topup-0001' },
    notices: { unreadOnly: true },
    markNoticesRead: { noticeIds: ['ntc_1'] },
    paymentNotice: { signature: 'c2lnbmF0dXJl', timestamp: '1764806400', nonce: 'a1b2c3', serial: 'PUB_KEY_ID_0112', body: '{"id":"n1"}' },
    sweep: {},
    repay: { sellerOrgId: 'dealer_1', amount: 5000, method: 'deposit', requestId: 'repay-0001' },
  },
  trade: {
    listListPrices: {},
    setListPrices: { productId: 'prd_1', unit: 'box', listPrices: { dealer: 2000, wholesaler: 2200, store: 2400 }, floors: { store: 2100 }, retailPrice: 3000 },
    savePricePolicy: { scope: 'level', targetIds: ['A'], items: [{ productId: 'prd_1', price: 2300, minQuantity: 10 }], from: 1764806400000, to: 1796342400000, priority: 1, requestId: 'policy-0001' },
    listPricePolicies: { enabled: true },
    setPolicyEnabled: { policyId: 'pp_1', enabled: false, version: 1 },
    importPricePolicies: { csv: 'policy,scope,targets,productId,price,minQuantity,from,to,priority,enabled\r\n', requestId: 'import-0001' },
    exportPricePolicies: {},
    saveCustomer: { buyerOrgId: 'store_1', level: 'A', groupIds: ['key'], tags: ['社区店'], contact: '李老板', phone: '13800138000', addresses: [{ addressId: 'shop', regionCode: '440106', street: '天河路 385 号' }], licenceNo: '91440101MA5C' },
    listCustomers: { level: 'A' },
    setTerms: { approvalChain: ['finance', 'owner'], approvalThreshold: 100000, returnWindow_ms: 604800000, maxRebateShare_bp: 1500 },
    getTerms: { sellerOrgId: 'dealer_1' },
    addRelation: { buyerOrgId: 'store_1', sellerOrgId: 'brand' },
    reassignSeller: { buyerOrgId: 'store_1', toSellerOrgId: 'dealer_2', reason: '区域调整' },
    listRelations: { orgId: 'store_1' },
    setCreditLine: { buyerOrgId: 'store_1', limit: 50000, from: 1764806400000, to: 1796342400000, termDays: 30 },
    adjustRebate: { buyerOrgId: 'store_1', amount: -300, reason: '冲回', requestId: 'rebate-0001' },
    listCreditLines: { buyerOrgId: 'store_1' },
    savePromotion: { type: 'full_reduction', name: '满300减30', targeting: { kinds: ['store'] }, products: { scope: 'all' }, thresholdBy: 'amount', tiers: [{ threshold: 30000, off: 3000 }], from: 1764806400000, to: 1796342400000, perBuyerLimit: 3, budget: { kind: 'fen', amount: 1000000 }, requestId: 'promo-0001' },
    listPromotions: { running: true },
    setPromotionEnabled: { promotionId: 'prm_1', enabled: false, version: 1 },
    saveRebateProgram: { name: '季度返利', period: 'quarter', mode: 'whole', tiers: [{ threshold: 0, rate_bp: 100 }, { threshold: 1000000, rate_bp: 200 }], targeting: {}, products: { scope: 'all' }, approvalChain: ['finance', 'owner'], from: 1764806400000, to: 1796342400000, requestId: 'program-0001' },
    listRebatePrograms: {},
    computeRebates: { programId: 'rbp_1', periodKey: '2026-Q4' },
    listStatements: { status: 'pending_approval' },
    approveStatement: { statementId: 'rst:rbp_1:2026-Q4:store_1', version: 1 },
    rejectStatement: { statementId: 'rst:rbp_1:2026-Q4:store_1', reason: '基数有误' },
    listSettlements: { from: 1764806400000, to: 1767225600000 },
    exportSettlements: { sellerOrgId: 'dealer_1', from: 1764806400000, to: 1767225600000 },
  },
} as const;

function fails(fn: string, action: string, req: unknown): string | undefined {
  const r = parseRequest(fn as 'scan', action as 'ship', req);
  if (r.ok) throw new Error(`${fn}.${action} accepted ${JSON.stringify(req)}`);
  expect(r.error.code).toBe('INVALID_ARGUMENT');
  return r.error.field;
}

function patch(fn: keyof typeof VALID, action: string, changes: Record<string, unknown>): unknown {
  return { ...(VALID[fn] as Record<string, object>)[action], ...changes };
}

describe('request schemas cover every action of the API table', () => {
  it('has a schema for every action, and accepts a valid request of each (with the action name in the event)', () => {
    for (const [fn, actions] of Object.entries(FUNCTION_ACTIONS)) {
      for (const action of actions) {
        const valid = (VALID as Record<string, Record<string, object>>)[fn]![action];
        expect(valid, `${fn}.${action} example`).toBeDefined();
        const r = parseRequest(fn as 'scan', action as 'ship', { action, ...valid });
        expect(r, `${fn}.${action}`).toMatchObject({ ok: true });
        // `action` itself is not part of the parsed request.
        if (r.ok) expect(r.data).not.toHaveProperty('action');
      }
    }
  });

  it('answers INVALID_ARGUMENT naming `action` for an action the function does not have', () => {
    expect(fails('scan', 'teleport', {})).toBe('action');
    expect(fails('scan', 'toString', {})).toBe('action');
  });

  it('requestParser is parseRequest bound to one action (the shape a function table uses)', () => {
    const parse = requestParser('wallet', 'withdraw');
    expect(parse({ amount: 100, requestId: 'req-0001-abcd', extra: 1 })).toEqual({ ok: true, data: { amount: 100, requestId: 'req-0001-abcd' } });
    expect(parse({ amount: 5 })).toMatchObject({ ok: false, error: { field: 'requestId' } });
  });
  // That each schema parses exactly its request type is proven at compile time in requests.ts.
});

describe('channel', () => {
  it('createOrg: kind, name, region code shape, territory entries', () => {
    expect(fails('channel', 'createOrg', patch('channel', 'createOrg', { kind: 'brand' }))).toBe('kind');
    expect(fails('channel', 'createOrg', patch('channel', 'createOrg', { name: '' }))).toBe('name');
    expect(fails('channel', 'createOrg', patch('channel', 'createOrg', { name: 'x'.repeat(65) }))).toBe('name');
    expect(fails('channel', 'createOrg', patch('channel', 'createOrg', { regionCode: '44010' }))).toBe('regionCode');
    expect(fails('channel', 'createOrg', patch('channel', 'createOrg', { regionCode: 440100 }))).toBe('regionCode');
    expect(fails('channel', 'createOrg', patch('channel', 'createOrg', { regionCode: '040100' }))).toBe('regionCode');
    expect(fails('channel', 'createOrg', patch('channel', 'createOrg', { territory: ['440000', 'abc'] }))).toBe('territory[1]');
    expect(fails('channel', 'createOrg', patch('channel', 'createOrg', { territory: [] }))).toBe('territory');
  });

  it('createOrg: region codes must exist in the GB/T 2260 table (unknown codes are rejected)', () => {
    expect(fails('channel', 'createOrg', patch('channel', 'createOrg', { regionCode: '449999' }))).toBe('regionCode');
    expect(fails('channel', 'createOrg', patch('channel', 'createOrg', { territory: ['440100', '449900'] }))).toBe('territory[1]');
    const dup = parseRequest('channel', 'createOrg', patch('channel', 'createOrg', { territory: ['440100', '440100', '450000'] }));
    expect(dup.ok && dup.data.territory).toEqual(['440100', '450000']);
    expect(fails('channel', 'createOrg', patch('channel', 'createOrg', { upstreamId: 'a b' }))).toBe('upstreamId');
  });

  it('createOrg: a dealer or wholesaler needs a territory; a store has none (a sent one is dropped)', () => {
    expect(fails('channel', 'createOrg', patch('channel', 'createOrg', { territory: undefined }))).toBe('territory');
    expect(fails('channel', 'createOrg', patch('channel', 'createOrg', { kind: 'wholesaler', territory: undefined }))).toBe('territory');
    const store = parseRequest('channel', 'createOrg', patch('channel', 'createOrg', { kind: 'store', upstreamId: 'dealer_1' }));
    expect(store).toEqual({ ok: true, data: { kind: 'store', name: '广州经销商', upstreamId: 'dealer_1', regionCode: '440100' } });
  });

  it('invite: the role must be one of the six roles', () => {
    expect(fails('channel', 'invite', patch('channel', 'invite', { role: 'boss' }))).toBe('role');
    expect(fails('channel', 'invite', patch('channel', 'invite', { orgId: undefined }))).toBe('orgId');
  });

  it('join: invite codes are compared upper-case', () => {
    expect(parseRequest('channel', 'join', { inviteCode: ' ab12cd34ef ' })).toEqual({ ok: true, data: { inviteCode: 'AB12CD34EF' } });
    expect(fails('channel', 'join', { inviteCode: 'ab 12' })).toBe('inviteCode');
  });

  it('a product category: trimmed, 1..20 characters; absent or null clears it', () => {
    expect(parseRequest('channel', 'setProductCategory', { productId: 'prd_abc', category: ' 调味品/酱油 ' })).toEqual({ ok: true, data: { productId: 'prd_abc', category: '调味品/酱油' } });
    expect(parseRequest('channel', 'setProductCategory', { productId: 'prd_abc', category: null })).toEqual({ ok: true, data: { productId: 'prd_abc' } });
    expect(fails('channel', 'setProductCategory', { productId: 'prd_abc', category: '调'.repeat(21) })).toBe('category');
    expect(fails('channel', 'createProduct', patch('channel', 'createProduct', { category: ' ' }))).toBe('category');
  });

  it('createProduct: packaging bounds', () => {
    for (const [packaging, field] of [
      [{ itemsPerBox: 0, boxesPerCase: 4 }, 'packaging.itemsPerBox'],
      [{ itemsPerBox: 1001, boxesPerCase: 4 }, 'packaging.itemsPerBox'],
      [{ itemsPerBox: 6, boxesPerCase: 1.5 }, 'packaging.boxesPerCase'],
      [{ itemsPerBox: 6 }, 'packaging.boxesPerCase'],
      ['6x4', 'packaging'],
    ] as const) {
      expect(fails('channel', 'createProduct', patch('channel', 'createProduct', { packaging }))).toBe(field);
    }
  });

  it('createProduct: policy amounts are fen integers ≥ 0 up to MAX_FEN; a random reward needs min ≤ max', () => {
    const withPolicy = (p: object) => patch('channel', 'createProduct', { policy: { ...policy, ...p } });
    expect(parseRequest('channel', 'createProduct', withPolicy({ consumerReward: 88 })).ok).toBe(true);
    expect(parseRequest('channel', 'createProduct', withPolicy({ consumerReward: { min: 5, max: 5 } })).ok).toBe(true);
    expect(fails('channel', 'createProduct', withPolicy({ consumerReward: 1.5 }))).toBe('policy.consumerReward');
    expect(fails('channel', 'createProduct', withPolicy({ consumerReward: '100' }))).toBe('policy.consumerReward');
    expect(fails('channel', 'createProduct', withPolicy({ consumerReward: { min: 10, max: 5 } }))).toBe('policy.consumerReward.max');
    expect(fails('channel', 'createProduct', withPolicy({ consumerReward: { min: -1, max: 5 } }))).toBe('policy.consumerReward.min');
    expect(fails('channel', 'createProduct', withPolicy({ storeReward: -1 }))).toBe('policy.storeReward');
    expect(fails('channel', 'createProduct', withPolicy({ dealerRebate: MAX_FEN + 1 }))).toBe('policy.dealerRebate');
    expect(fails('channel', 'createProduct', withPolicy({ diversionPenalty: undefined }))).toBe('policy.diversionPenalty');
  });

  it('createProduct: a GTIN must have a valid GS1 check digit', () => {
    expect(gtinCheckDigitOk('6901234567892')).toBe(true);
    expect(gtinCheckDigitOk('96385074')).toBe(true);
    expect(gtinCheckDigitOk('036000291452')).toBe(true);
    expect(fails('channel', 'createProduct', patch('channel', 'createProduct', { gtin: '6901234567891' }))).toBe('gtin');
    expect(fails('channel', 'createProduct', patch('channel', 'createProduct', { gtin: '12345' }))).toBe('gtin');
  });
});

describe('codes', () => {
  it('createBatch: cases 1..100000', () => {
    expect(fails('codes', 'createBatch', { productId: 'p', cases: 0 })).toBe('cases');
    expect(fails('codes', 'createBatch', { productId: 'p', cases: 100_001 })).toBe('cases');
  });

  it('pack: at most 1,000 children, each a code without spaces of at most 200 characters', () => {
    expect(fails('codes', 'pack', { parent: CODE, children: Array(1001).fill('A') })).toBe('children');
    expect(fails('codes', 'pack', { parent: CODE, children: ['A', 'x'.repeat(201)] })).toBe('children[1]');
    expect(fails('codes', 'pack', { parent: 'A B', children: ['A'] })).toBe('parent');
  });
});

describe('scan', () => {
  it('ship/receive: at most 1,000 codes per call, at least one', () => {
    expect(parseRequest('scan', 'receive', { codes: Array(1000).fill(CODE) }).ok).toBe(true);
    expect(fails('scan', 'receive', { codes: Array(1001).fill(CODE) })).toBe('codes');
    expect(fails('scan', 'receive', { codes: [] })).toBe('codes');
    expect(fails('scan', 'ship', { codes: [CODE, 42], toOrgId: 's' })).toBe('codes[1]');
    expect(fails('scan', 'ship', { codes: [CODE] })).toBe('toOrgId');
  });

  it('location: latitude −90..90, longitude −180..180, both numbers', () => {
    expect(fails('scan', 'redeem', { code: CODE, location: { lat: 91, lng: 0 } })).toBe('location.lat');
    expect(fails('scan', 'redeem', { code: CODE, location: { lat: 0, lng: -180.5 } })).toBe('location.lng');
    expect(fails('scan', 'redeem', { code: CODE, location: { lat: '23', lng: 113 } })).toBe('location.lat');
    expect(fails('scan', 'verify', { code: CODE, location: [23, 113] })).toBe('location');
    expect(parseRequest('scan', 'verify', { code: CODE, location: null })).toEqual({ ok: true, data: { code: CODE } });
  });

  it('redeem/verify/inspect: the code is required', () => {
    expect(fails('scan', 'redeem', {})).toBe('code');
    expect(fails('scan', 'verify', { code: '' })).toBe('code');
    expect(fails('scan', 'inspect', { code: 7 })).toBe('code');
  });
});

describe('wallet and report', () => {
  it('fund/withdraw: amounts are positive integer fen up to MAX_FEN', () => {
    for (const amount of [0, -5, 1.5, '100', MAX_FEN + 1, null]) {
      expect(fails('wallet', 'fund', { amount }), String(amount)).toBe('amount');
      expect(fails('wallet', 'withdraw', { amount, requestId: 'req-0001-abcd' }), String(amount)).toBe('amount');
    }
  });

  it('withdraw: requestId is required, 8..64 safe characters', () => {
    expect(fails('wallet', 'withdraw', { amount: 100 })).toBe('requestId');
    expect(fails('wallet', 'withdraw', { amount: 100, requestId: 'short' })).toBe('requestId');
    expect(fails('wallet', 'withdraw', { amount: 100, requestId: 'has space 123' })).toBe('requestId');
  });

  it('history: page size 1..100', () => {
    expect(fails('wallet', 'history', { limit: 101 })).toBe('limit');
    expect(fails('wallet', 'history', { cursor: 'x'.repeat(257) })).toBe('cursor');
  });

  it('settlePenalty: one of three resolutions', () => {
    expect(fails('wallet', 'settlePenalty', { penaltyId: 'p', resolution: 'forget' })).toBe('resolution');
  });

  it('alerts/penalties: filters are enums', () => {
    expect(fails('report', 'alerts', { kind: 'theft' })).toBe('kind');
    expect(fails('report', 'penalties', { status: 'paid' })).toBe('status');
    expect(parseRequest('report', 'alerts', {})).toEqual({ ok: true, data: {} });
  });
});
