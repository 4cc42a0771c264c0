/**
 * Bad-input rows of the `trade` actions for promotions, rebate programs and settlement documents
 * (docs/promotions.md), for the table in bad-input.test.ts: each names the field it must be refused
 * for; none writes, and only those marked `reads` reach the database.
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

export function promotionBadInputRows(ids: Record<string, string>, productId: string): Record<string, { who: string | null; rows: BadRow[] }> {
  const reduction = { type: 'full_reduction', name: '满300减30', targeting: {}, products: { scope: 'all' }, thresholdBy: 'amount', tiers: [{ threshold: 30_000, off: 3_000 }], from: 1_000, to: 4_000_000_000_000 };
  const gift = { ...reduction, type: 'full_gift', tiers: [{ threshold: 10, gifts: [{ productId, quantity: 1 }] }], thresholdBy: 'units' };
  const program = { name: '季度返利', period: 'quarter', mode: 'whole', tiers: [{ threshold: 0, rate_bp: 100 }], targeting: {}, products: { scope: 'all' }, approvalChain: ['finance'], from: 1_000, to: 4_000_000_000_000 };
  const window = { from: 1_000, to: 2_000 };
  return {
    'trade.savePromotion': {
      who: 'ownerGd',
      rows: [
        { name: 'type missing', event: { ...reduction, type: undefined }, field: 'type' },
        { name: 'type unknown', event: { ...reduction, type: 'lottery' }, field: 'type' },
        { name: 'name missing', event: { ...reduction, name: undefined }, field: 'name' },
        { name: 'name overlong', event: { ...reduction, name: long(65) }, field: 'name' },
        { name: 'tiers not ascending', event: { ...reduction, tiers: [{ threshold: 30_000, off: 3_000 }, { threshold: 20_000, off: 4_000 }] }, field: 'tiers[1].threshold' },
        { name: 'a higher tier giving less', event: { ...reduction, tiers: [{ threshold: 30_000, off: 3_000 }, { threshold: 50_000, off: 2_000 }] }, field: 'tiers[1].off' },
        { name: 'an amount off above its threshold', event: { ...reduction, tiers: [{ threshold: 1_000, off: 2_000 }] }, field: 'tiers[0].off' },
        { name: 'repeat with two tiers', event: { ...reduction, repeat: true, tiers: [{ threshold: 30_000, off: 3_000 }, { threshold: 50_000, off: 6_000 }] }, field: 'tiers' },
        { name: 'a cap without repeat', event: { ...reduction, cap: 10_000 }, field: 'cap' },
        { name: 'products scope unknown', event: { ...reduction, products: { scope: 'some' } }, field: 'products.scope' },
        { name: 'a listed scope without products', event: { ...reduction, products: { scope: 'listed' } }, field: 'products.productIds' },
        { name: 'targeting a kind that does not exist', event: { ...reduction, targeting: { kinds: ['consumer'] } }, field: 'targeting.kinds[0]' },
        { name: 'targeting an unknown region', event: { ...reduction, targeting: { regions: ['999999'] } }, field: 'targeting.regions[0]' },
        { name: 'to before from', event: { ...reduction, from: 2_000, to: 1_000 }, field: 'to' },
        { name: 'from a date string', event: { ...reduction, from: '2026-01-01' }, field: 'from' },
        { name: 'perBuyerLimit 0', event: { ...reduction, perBuyerLimit: 0 }, field: 'perBuyerLimit' },
        { name: 'a fen budget on a 满送', event: { ...gift, budget: { kind: 'fen', amount: 100 } }, field: 'budget.kind' },
        { name: 'budget amount a float', event: { ...reduction, budget: { kind: 'fen', amount: 1.5 } }, field: 'budget.amount' },
        { name: 'a gift quantity 0', event: { ...gift, tiers: [{ threshold: 10, gifts: [{ productId, quantity: 0 }] }] }, field: 'tiers[0].gifts[0].quantity' },
        { name: 'a rate of 100 % (10000 bp)', event: { ...reduction, type: 'full_discount', tiers: [{ threshold: 30_000, rate_bp: 10_000 }] }, field: 'tiers[0].rate_bp' },
        { name: 'a special price a float', event: { ...reduction, type: 'special', items: [{ productId, price: 99.5 }] }, field: 'items[0].price' },
        { name: 'a bundle of one unit', event: { ...reduction, type: 'bundle', items: [{ productId, quantity: 1 }], price: 1_000 }, field: 'items' },
        ...badId(reduction, 'promotionId', true),
        { name: 'version 0', event: { ...reduction, version: 0 }, field: 'version' },
        { name: 'requestId too short', event: { ...reduction, requestId: 'short' }, field: 'requestId' },
        { name: 'a gift product that does not exist', event: { ...gift, tiers: [{ threshold: 10, gifts: [{ productId: 'prd_nope', quantity: 1 }] }] }, field: 'tiers[0].gifts[0].productId', code: 'NOT_FOUND', reads: true },
        { name: 'a listed buyer that is not gd’s customer', event: { ...reduction, targeting: { buyerIds: [ids.storeBj] } }, field: 'targeting.buyerIds[0]', code: 'NOT_FOUND', reads: true },
        { name: 'an edit of a promotion that does not exist', event: { ...reduction, promotionId: 'prm_nope' }, field: 'promotionId', code: 'NOT_FOUND', reads: true },
      ],
    },
    'trade.listPromotions': { who: 'ownerGd', rows: [...badId({}, 'sellerOrgId', true), { name: 'running a string', event: { running: 'yes' }, field: 'running' }] },
    'trade.setPromotionEnabled': {
      who: 'ownerGd',
      rows: [
        ...badId({ enabled: false }, 'promotionId'),
        { name: 'enabled missing', event: { promotionId: 'prm_x' }, field: 'enabled' },
        { name: 'version a float', event: { promotionId: 'prm_x', enabled: false, version: 1.5 }, field: 'version' },
        { name: 'a promotion that does not exist', event: { promotionId: 'prm_nope', enabled: false }, field: 'promotionId', code: 'NOT_FOUND', reads: true },
      ],
    },
    'trade.saveRebateProgram': {
      who: 'ownerGd',
      rows: [
        { name: 'period unknown', event: { ...program, period: 'week' }, field: 'period' },
        { name: 'mode unknown', event: { ...program, mode: 'stepped' }, field: 'mode' },
        { name: 'tiers not ascending', event: { ...program, tiers: [{ threshold: 100, rate_bp: 100 }, { threshold: 50, rate_bp: 200 }] }, field: 'tiers[1].threshold' },
        { name: 'a rate going down the ladder', event: { ...program, tiers: [{ threshold: 0, rate_bp: 200 }, { threshold: 100, rate_bp: 100 }] }, field: 'tiers[1].rate_bp' },
        { name: 'a rate over 100 %', event: { ...program, tiers: [{ threshold: 0, rate_bp: 10_001 }] }, field: 'tiers[0].rate_bp' },
        { name: 'an approval chain of 6 roles', event: { ...program, approvalChain: ['finance', 'owner', 'finance', 'owner', 'finance', 'owner'] }, field: 'approvalChain' },
        { name: 'a role with a space', event: { ...program, approvalChain: ['big boss'] }, field: 'approvalChain[0]' },
        { name: 'to before from', event: { ...program, from: 2_000, to: 1_000 }, field: 'to' },
        ...badId(program, 'programId', true),
        { name: 'requestId too short', event: { ...program, requestId: 'short' }, field: 'requestId' },
        { name: 'a scope product that does not exist', event: { ...program, products: { scope: 'listed', productIds: ['prd_nope'] } }, field: 'products.productIds[0]', code: 'NOT_FOUND', reads: true },
        { name: 'an edit of a program that does not exist', event: { ...program, programId: 'rbp_nope' }, field: 'programId', code: 'NOT_FOUND', reads: true },
      ],
    },
    'trade.listRebatePrograms': { who: 'ownerGd', rows: badId({}, 'sellerOrgId', true) },
    'trade.computeRebates': {
      who: 'ownerGd',
      rows: [
        ...badId({}, 'programId'),
        { name: 'periodKey not a period', event: { programId: 'rbp_x', periodKey: '2026-13-01' }, field: 'periodKey' },
        { name: 'periodKey a quarter 5', event: { programId: 'rbp_x', periodKey: '2026-Q5' }, field: 'periodKey' },
        { name: 'interim a string', event: { programId: 'rbp_x', interim: 'yes' }, field: 'interim' },
        { name: 'after with a slash', event: { programId: 'rbp_x', after: 'a/b' }, field: 'after' },
        { name: 'a program that does not exist', event: { programId: 'rbp_nope' }, field: 'programId', code: 'NOT_FOUND', reads: true },
      ],
    },
    'trade.listStatements': {
      who: 'ownerGd',
      rows: [...badId({}, 'sellerOrgId', true), ...badId({}, 'buyerOrgId', true), { name: 'status unknown', event: { status: 'paid' }, field: 'status' }, { name: 'periodKey a date', event: { periodKey: '2026-12-01' }, field: 'periodKey' }],
    },
    'trade.approveStatement': {
      who: 'ownerGd',
      rows: [...badId({}, 'statementId'), { name: 'version 0', event: { statementId: 'rst_x', version: 0 }, field: 'version' }, { name: 'a statement that does not exist', event: { statementId: 'rst:nope' }, field: 'statementId', code: 'NOT_FOUND', reads: true }],
    },
    'trade.rejectStatement': {
      who: 'ownerGd',
      rows: [
        ...badId({ reason: '基数有误' }, 'statementId'),
        { name: 'reason missing', event: { statementId: 'rst_x' }, field: 'reason' },
        { name: 'reason empty', event: { statementId: 'rst_x', reason: '' }, field: 'reason' },
        { name: 'reason overlong', event: { statementId: 'rst_x', reason: long(201) }, field: 'reason' },
        { name: 'a statement that does not exist', event: { statementId: 'rst:nope', reason: '基数有误' }, field: 'statementId', code: 'NOT_FOUND', reads: true },
      ],
    },
    'trade.listSettlements': {
      who: 'ownerGd',
      rows: [
        ...badId(window, 'sellerOrgId', true),
        { name: 'from missing', event: { to: 2_000 }, field: 'from' },
        { name: 'to before from', event: { from: 2_000, to: 1_000 }, field: 'to' },
        { name: 'a window over 366 days', event: { from: 0, to: 367 * 86_400_000 }, field: 'to' },
        { name: 'from negative', event: { from: -1, to: 2_000 }, field: 'from' },
      ],
    },
    'trade.exportSettlements': {
      who: 'ownerGd',
      rows: [...badId(window, 'sellerOrgId', true), { name: 'to a string', event: { from: 1_000, to: 'now' }, field: 'to' }, { name: 'to equal to from', event: { from: 1_000, to: 1_000 }, field: 'to' }],
    },
  };
}
