/**
 * Bad-input rows of the `trade` function, for the table in bad-input.test.ts: each names the field
 * it must be refused for; none writes, and only those marked `reads` reach the database (a check
 * that needs it: an org's kind, a product's existence).
 */
const long = (n: number, c = 'a') => c.repeat(n);

interface BadRow {
  name: string;
  event: Record<string, unknown>;
  field: string;
  code?: 'INVALID_ARGUMENT' | 'NOT_FOUND' | 'PRICE_BELOW_FLOOR';
  reads?: boolean;
}

function badId(base: Record<string, unknown>, key: string, optional = false): BadRow[] {
  return [
    ...(optional ? [] : [{ name: `${key} missing`, event: { ...base, [key]: undefined }, field: key }]),
    { name: `${key} a number`, event: { ...base, [key]: 42 }, field: key },
    { name: `${key} with a slash`, event: { ...base, [key]: 'a/b' }, field: key },
    { name: `${key} overlong (65 characters)`, event: { ...base, [key]: long(65) }, field: key },
    { name: `${key} an object (query injection)`, event: { ...base, [key]: { $ne: null } }, field: key },
  ];
}

function badRequestId(base: Record<string, unknown>): BadRow[] {
  return [
    { name: 'requestId missing', event: { ...base, requestId: undefined }, field: 'requestId' },
    { name: 'requestId too short', event: { ...base, requestId: 'short' }, field: 'requestId' },
    { name: 'requestId with a colon', event: { ...base, requestId: 'retry:0001' }, field: 'requestId' },
  ];
}

function badFen(base: Record<string, unknown>, key: string, min: number, optional = false): BadRow[] {
  return [
    ...(optional ? [] : [{ name: `${key} missing`, event: { ...base, [key]: undefined }, field: key }]),
    { name: `${key} below ${min}`, event: { ...base, [key]: min - 1 }, field: key },
    { name: `${key} a float`, event: { ...base, [key]: 1.5 }, field: key },
    { name: `${key} a numeric string`, event: { ...base, [key]: '100' }, field: key },
    { name: `${key} above the largest amount`, event: { ...base, [key]: 1e11 }, field: key },
  ];
}

function badWindow(base: Record<string, unknown>): BadRow[] {
  return [
    { name: 'from missing', event: { ...base, from: undefined }, field: 'from' },
    { name: 'from a date string', event: { ...base, from: '2026-01-01' }, field: 'from' },
    { name: 'to negative', event: { ...base, to: -1 }, field: 'to' },
    { name: 'to before from', event: { ...base, from: 2_000, to: 1_000 }, field: 'to' },
    { name: 'to equal to from (empty window)', event: { ...base, from: 2_000, to: 2_000 }, field: 'to' },
  ];
}

export function tradeBadInputRows(ids: Record<string, string>, productId: string): Record<string, { who: string | null; rows: BadRow[] }> {
  const prices = { productId, unit: 'box', listPrices: { dealer: 2_000, wholesaler: 2_200, store: 2_400 } };
  const policy = { scope: 'level', targetIds: ['A'], items: [{ productId, price: 2_300 }], from: 1_000, to: 4_000_000_000_000 };
  const customer = { buyerOrgId: ids.storeGz! };
  const credit = { buyerOrgId: ids.storeGz!, limit: 10_000, from: 1_000, to: 4_000_000_000_000, termDays: 30 };
  return {
    'trade.setListPrices': {
      who: 'admin',
      rows: [
        ...badId(prices, 'productId'),
        { name: 'unit unknown', event: { ...prices, unit: 'pallet' }, field: 'unit' },
        { name: 'listPrices missing', event: { ...prices, listPrices: undefined }, field: 'listPrices' },
        { name: 'a list price missing', event: { ...prices, listPrices: { dealer: 2_000, wholesaler: 2_200 } }, field: 'listPrices.store' },
        ...badFen({ listPrices: prices.listPrices }, 'dealer', 1).map((r) => ({ ...r, event: { ...prices, listPrices: r.event }, field: `listPrices.${r.field}` })),
        { name: 'a floor a float', event: { ...prices, floors: { store: 10.5 } }, field: 'floors.store' },
        { name: 'retailPrice negative', event: { ...prices, retailPrice: -1 }, field: 'retailPrice' },
        { name: 'a list price below the floor given with it', event: { ...prices, floors: { store: 2_500 } }, field: 'listPrices.store', code: 'PRICE_BELOW_FLOOR', reads: true },
        { name: 'a product that does not exist', event: { ...prices, productId: 'prd_nope' }, field: 'productId', code: 'NOT_FOUND', reads: true },
      ],
    },
    'trade.savePricePolicy': {
      who: 'ownerGd',
      rows: [
        { name: 'scope missing', event: { ...policy, scope: undefined }, field: 'scope' },
        { name: 'scope unknown', event: { ...policy, scope: 'list' }, field: 'scope' },
        { name: 'targetIds not a list', event: { ...policy, targetIds: 'A' }, field: 'targetIds' },
        { name: 'a target with a space', event: { ...policy, targetIds: ['A B'] }, field: 'targetIds[0]' },
        { name: 'items missing', event: { ...policy, items: undefined }, field: 'items' },
        { name: 'items empty', event: { ...policy, items: [] }, field: 'items' },
        { name: 'item price 0', event: { ...policy, items: [{ productId, price: 0 }] }, field: 'items[0].price' },
        { name: 'item price a float', event: { ...policy, items: [{ productId, price: 2_300 }, { productId, price: 99.5 }] }, field: 'items[1].price' },
        { name: 'item minQuantity 0', event: { ...policy, items: [{ productId, price: 2_300, minQuantity: 0 }] }, field: 'items[0].minQuantity' },
        { name: 'item productId an object', event: { ...policy, items: [{ productId: { $ne: null }, price: 1 }] }, field: 'items[0].productId' },
        ...badWindow(policy),
        { name: 'priority negative', event: { ...policy, priority: -1 }, field: 'priority' },
        { name: 'enabled a string', event: { ...policy, enabled: 'yes' }, field: 'enabled' },
        ...badId(policy, 'policyId', true),
        { name: 'requestId too short', event: { ...policy, requestId: 'short' }, field: 'requestId' },
        { name: 'a level policy without targets', event: { ...policy, targetIds: [] }, field: 'targetIds', reads: true },
        { name: 'a region that does not exist', event: { ...policy, scope: 'region', targetIds: ['449999'] }, field: 'targetIds[0]', reads: true },
        { name: 'a customer that is not gd’s', event: { ...policy, scope: 'customer', targetIds: [ids.storeBj] }, field: 'targetIds[0]', code: 'NOT_FOUND', reads: true },
        { name: 'the same product and minimum twice', event: { ...policy, items: [{ productId, price: 2_300 }, { productId, price: 2_250 }] }, field: 'items[1].productId', reads: true },
        { name: 'a product that does not exist', event: { ...policy, items: [{ productId: 'prd_nope', price: 2_300 }] }, field: 'items[0].productId', code: 'NOT_FOUND', reads: true },
      ],
    },
    'trade.listPricePolicies': {
      who: 'ownerGd',
      rows: [...badId({}, 'sellerOrgId', true), { name: 'scope unknown', event: { scope: 'list' }, field: 'scope' }, { name: 'enabled a number', event: { enabled: 1 }, field: 'enabled' }],
    },
    'trade.setPolicyEnabled': {
      who: 'ownerGd',
      rows: [...badId({ enabled: true }, 'policyId'), { name: 'enabled missing', event: { policyId: 'pp_x' }, field: 'enabled' }, { name: 'version 0', event: { policyId: 'pp_x', enabled: true, version: 0 }, field: 'version' }],
    },
    'trade.importPricePolicies': {
      who: 'ownerGd',
      rows: [
        { name: 'csv missing', event: { requestId: 'import-0001' }, field: 'csv' },
        { name: 'csv empty', event: { csv: '', requestId: 'import-0001' }, field: 'csv' },
        { name: 'csv a list', event: { csv: ['a'], requestId: 'import-0001' }, field: 'csv' },
        { name: 'csv over 80,000 characters', event: { csv: long(80_001), requestId: 'import-0001' }, field: 'csv' },
        { name: 'requestId missing', event: { csv: 'policy' }, field: 'requestId' },
        { name: 'a file without the header', event: { csv: 'spring,all,,p1,1.00,,2026-01-01,2027-01-01,0,是', requestId: 'import-0001' }, field: 'csv', reads: true },
        { name: 'a row with a bad price', event: { csv: `policy,scope,targets,productId,price,minQuantity,from,to,priority,enabled\nspring,all,,${productId},1.001,,2026-01-01,2027-01-01,0,是`, requestId: 'import-0001' }, field: 'csv', reads: true },
      ],
    },
    'trade.exportPricePolicies': { who: 'ownerGd', rows: badId({}, 'sellerOrgId', true) },
    'trade.saveCustomer': {
      who: 'ownerGd',
      rows: [
        ...badId({}, 'buyerOrgId'),
        { name: 'level with a space', event: { ...customer, level: 'A B' }, field: 'level' },
        { name: 'level overlong', event: { ...customer, level: long(33) }, field: 'level' },
        { name: 'groupIds over 20', event: { ...customer, groupIds: Array.from({ length: 21 }, (_, i) => `g${i}`) }, field: 'groupIds' },
        { name: 'a tag with a comma', event: { ...customer, tags: ['a,b'] }, field: 'tags[0]' },
        { name: 'phone with letters', event: { ...customer, phone: 'call me' }, field: 'phone' },
        { name: 'address without a region', event: { ...customer, addresses: [{ addressId: 'a1', street: '路' }] }, field: 'addresses[0].regionCode' },
        { name: 'address with an unknown region', event: { ...customer, addresses: [{ addressId: 'a1', regionCode: '999999', street: '路' }] }, field: 'addresses[0].regionCode' },
        { name: 'address street overlong', event: { ...customer, addresses: [{ addressId: 'a1', regionCode: '440106', street: long(201) }] }, field: 'addresses[0].street' },
        { name: 'licenceNo with spaces', event: { ...customer, licenceNo: '9144 0101' }, field: 'licenceNo' },
        { name: 'two addresses with one id', event: { ...customer, addresses: [{ addressId: 'a1', regionCode: '440106', street: '一' }, { addressId: 'a1', regionCode: '440106', street: '二' }] }, field: 'addresses[1].addressId', reads: true },
        { name: 'a buyer that is not gd’s customer', event: { buyerOrgId: ids.storeBj }, field: 'buyerOrgId', code: 'NOT_FOUND', reads: true },
      ],
    },
    'trade.listCustomers': { who: 'ownerGd', rows: [...badId({}, 'sellerOrgId', true), { name: 'groupId with a colon', event: { groupId: 'a:b' }, field: 'groupId' }] },
    'trade.setTerms': {
      who: 'ownerGd',
      rows: [
        { name: 'approvalChain missing', event: {}, field: 'approvalChain' },
        { name: 'approvalChain an unknown role', event: { approvalChain: ['boss'] }, field: 'approvalChain[0]' },
        { name: 'approvalChain over 5 roles', event: { approvalChain: ['owner', 'finance', 'owner', 'finance', 'owner', 'finance'] }, field: 'approvalChain' },
        ...badFen({ approvalChain: ['owner'] }, 'approvalThreshold', 0, true),
        { name: 'returnWindow_ms over 90 days', event: { approvalChain: [], returnWindow_ms: 91 * 86_400_000 }, field: 'returnWindow_ms' },
        { name: 'maxRebateShare_bp over 10000', event: { approvalChain: [], maxRebateShare_bp: 10_001 }, field: 'maxRebateShare_bp' },
        { name: 'wechatPayTimeout_ms under 5 minutes', event: { approvalChain: [], wechatPayTimeout_ms: 60_000 }, field: 'wechatPayTimeout_ms' },
        { name: 'transferTimeout_ms a string', event: { approvalChain: [], transferTimeout_ms: '72h' }, field: 'transferTimeout_ms' },
        { name: 'a brand role in a dealer chain', event: { approvalChain: ['admin'] }, field: 'approvalChain[0]', reads: true },
        { name: 'a role twice', event: { approvalChain: ['finance', 'finance'] }, field: 'approvalChain', reads: true },
      ],
    },
    'trade.getTerms': { who: 'ownerGz', rows: badId({}, 'sellerOrgId') },
    'trade.addRelation': {
      who: 'admin',
      rows: [
        ...badId({ sellerOrgId: 'brand' }, 'buyerOrgId'),
        ...badId({ buyerOrgId: ids.storeGz }, 'sellerOrgId'),
        { name: 'a buyer that does not exist', event: { buyerOrgId: 'store_nope', sellerOrgId: 'brand' }, field: 'buyerOrgId', code: 'NOT_FOUND', reads: true },
        { name: 'a store as the seller', event: { buyerOrgId: ids.storeGz, sellerOrgId: ids.storeBj }, field: 'sellerOrgId', reads: true },
      ],
    },
    'trade.reassignSeller': {
      who: 'admin',
      rows: [
        ...badId({ toSellerOrgId: ids.bj }, 'buyerOrgId'),
        ...badId({ buyerOrgId: ids.storeGz }, 'toSellerOrgId'),
        { name: 'reason overlong', event: { buyerOrgId: ids.storeGz, toSellerOrgId: ids.bj, reason: long(201) }, field: 'reason' },
        { name: 'a dealer reassigned', event: { buyerOrgId: ids.gd, toSellerOrgId: ids.bj }, field: 'buyerOrgId', reads: true },
        { name: 'a store to another store', event: { buyerOrgId: ids.storeGz, toSellerOrgId: ids.storeBj }, field: 'toSellerOrgId', reads: true },
        { name: 'a wholesaler to a wholesaler', event: { buyerOrgId: ids.ws, toSellerOrgId: ids.ws }, field: 'toSellerOrgId', reads: true },
      ],
    },
    'trade.listRelations': { who: 'admin', rows: badId({}, 'orgId') },
    'trade.setCreditLine': {
      who: 'ownerGd',
      rows: [
        ...badId(credit, 'buyerOrgId'),
        ...badFen(credit, 'limit', 0),
        ...badWindow(credit),
        { name: 'termDays over 365', event: { ...credit, termDays: 366 }, field: 'termDays' },
        { name: 'termDays a float', event: { ...credit, termDays: 1.5 }, field: 'termDays' },
        { name: 'a buyer that is not gd’s customer', event: { ...credit, buyerOrgId: ids.storeBj }, field: 'buyerOrgId', code: 'NOT_FOUND', reads: true },
      ],
    },
    'trade.listCreditLines': { who: 'ownerGd', rows: [...badId({}, 'sellerOrgId', true), ...badId({}, 'buyerOrgId', true)] },
    'trade.adjustRebate': {
      who: 'ownerGd',
      rows: [
        ...badId({ amount: 100, reason: '返利', requestId: 'rebate-0001' }, 'buyerOrgId'),
        { name: 'amount 0', event: { buyerOrgId: ids.storeGz, amount: 0, reason: '返利', requestId: 'rebate-0001' }, field: 'amount' },
        { name: 'amount a float', event: { buyerOrgId: ids.storeGz, amount: 1.5, reason: '返利', requestId: 'rebate-0001' }, field: 'amount' },
        { name: 'amount beyond the largest', event: { buyerOrgId: ids.storeGz, amount: -1e11, reason: '返利', requestId: 'rebate-0001' }, field: 'amount' },
        { name: 'reason missing', event: { buyerOrgId: ids.storeGz, amount: 100, requestId: 'rebate-0001' }, field: 'reason' },
        { name: 'reason empty', event: { buyerOrgId: ids.storeGz, amount: 100, reason: '  ', requestId: 'rebate-0001' }, field: 'reason' },
        ...badRequestId({ buyerOrgId: ids.storeGz, amount: 100, reason: '返利' }),
      ],
    },
  };
}
