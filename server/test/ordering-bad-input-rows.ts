/**
 * Bad-input rows of the `order` function and of `scan.ship`'s ordering fields, for the table in
 * bad-input.test.ts: each names the field it must be refused for; none reaches the database.
 */
import { expect } from 'vitest';

const long = (n: number, c = 'a') => c.repeat(n);

interface BadRow {
  name: string;
  event: Record<string, unknown>;
  field: string;
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

/** A seller's queue read by pages (order.transfers, order.returns): its org, limit and cursor. */
function badQueuePage(orgId: string, foreignCursor: string): BadRow[] {
  return [
    ...badId({}, 'orgId'),
    { name: 'limit 0', event: { orgId, limit: 0 }, field: 'limit' },
    { name: 'limit over 50', event: { orgId, limit: 51 }, field: 'limit' },
    { name: 'limit a float', event: { orgId, limit: 2.5 }, field: 'limit' },
    { name: 'limit a numeric string', event: { orgId, limit: '20' }, field: 'limit' },
    { name: 'cursor a number', event: { orgId, cursor: 20 }, field: 'cursor' },
    { name: 'cursor not one the server gave', event: { orgId, cursor: foreignCursor }, field: 'cursor' },
    { name: 'cursor an object (query injection)', event: { orgId, cursor: { $gt: '' } }, field: 'cursor' },
    { name: 'cursor overlong', event: { orgId, cursor: `1/${long(200)}` }, field: 'cursor' },
  ];
}

function badFen(base: Record<string, unknown>, key: string, min: number): BadRow[] {
  return [
    { name: `${key} missing`, event: { ...base, [key]: undefined }, field: key },
    { name: `${key} below ${min}`, event: { ...base, [key]: min - 1 }, field: key },
    { name: `${key} a float`, event: { ...base, [key]: 1.5 }, field: key },
    { name: `${key} a numeric string`, event: { ...base, [key]: '100' }, field: key },
    { name: `${key} above the largest amount`, event: { ...base, [key]: 1e11 }, field: key },
  ];
}

function badRequestId(base: Record<string, unknown>): BadRow[] {
  return [
    { name: 'requestId missing', event: { ...base, requestId: undefined }, field: 'requestId' },
    { name: 'requestId too short', event: { ...base, requestId: 'short' }, field: 'requestId' },
    { name: 'requestId with a colon', event: { ...base, requestId: 'retry:0001' }, field: 'requestId' },
  ];
}

function badLines(base: Record<string, unknown>): BadRow[] {
  return [
    { name: 'lines missing', event: { ...base, lines: undefined }, field: 'lines' },
    { name: 'lines empty', event: { ...base, lines: [] }, field: 'lines' },
    { name: 'lines over 200 entries', event: { ...base, lines: Array.from({ length: 201 }, () => ({ productId: 'p1', quantity: 1 })) }, field: 'lines' },
    { name: 'line quantity 0', event: { ...base, lines: [{ productId: 'p1', quantity: 0 }] }, field: 'lines[0].quantity' },
    { name: 'line quantity a float', event: { ...base, lines: [{ productId: 'p1', quantity: 1 }, { productId: 'p2', quantity: 1.5 }] }, field: 'lines[1].quantity' },
    { name: 'line quantity above 100,000', event: { ...base, lines: [{ productId: 'p1', quantity: 100_001 }] }, field: 'lines[0].quantity' },
    { name: 'line productId an object', event: { ...base, lines: [{ productId: { $ne: null }, quantity: 1 }] }, field: 'lines[0].productId' },
  ];
}

const step = (action: string): [string, { who: string; rows: BadRow[] }] => [
  `order.${action}`,
  { who: 'ownerGd', rows: [...badId({}, 'orderId'), { name: 'reason overlong', event: { orderId: 'ord_x', reason: long(201) }, field: 'reason' }] },
];

type IgnoredRow = { name: string; event: Record<string, unknown>; accepted: true; check: (data: any) => void };

export function orderBadInputRows(ids: Record<string, string>): Record<string, { who: string | null; rows: Array<BadRow | IgnoredRow> }> {
  const seller = ids.gd!;
  const submit = { sellerOrgId: seller, lines: [{ productId: 'p1', quantity: 1 }], tenders: [{ kind: 'deposit', amount: 100 }], expectedTotal: 100, requestId: 'submit-0001' };
  return {
    'order.catalog': { who: 'ownerGz', rows: badId({}, 'sellerOrgId') },
    'order.quote': { who: 'ownerGz', rows: [...badId({ lines: [{ productId: 'p1', quantity: 1 }] }, 'sellerOrgId'), ...badLines({ sellerOrgId: seller })] },
    'order.submit': {
      who: 'ownerGz',
      rows: [
        ...badId(submit, 'sellerOrgId'),
        ...badLines(submit),
        { name: 'tenders missing', event: { ...submit, tenders: undefined }, field: 'tenders' },
        { name: 'tenders empty', event: { ...submit, tenders: [] }, field: 'tenders' },
        { name: 'tender kind unknown', event: { ...submit, tenders: [{ kind: 'cash', amount: 100 }] }, field: 'tenders[0].kind' },
        { name: 'tender amount 0', event: { ...submit, tenders: [{ kind: 'deposit', amount: 0 }] }, field: 'tenders[0].amount' },
        { name: 'tender amount negative', event: { ...submit, tenders: [{ kind: 'deposit', amount: 50 }, { kind: 'credit', amount: -50 }] }, field: 'tenders[1].amount' },
        { name: 'receipt not a cloud fileID', event: { ...submit, tenders: [{ kind: 'transfer', amount: 100, receiptFileId: 'https://evil.example/x.jpg' }] }, field: 'tenders[0].receiptFileId' },
        { name: 'more tenders than kinds', event: { ...submit, tenders: Array.from({ length: 6 }, () => ({ kind: 'deposit', amount: 1 })) }, field: 'tenders' },
        ...badFen(submit, 'expectedTotal', 0),
        ...badRequestId(submit),
        ...badId(submit, 'addressId', true),
        { name: 'note overlong', event: { ...submit, note: long(201) }, field: 'note' },
      ],
    },
    'order.get': { who: 'ownerGz', rows: badId({}, 'orderId') },
    'order.list': {
      who: 'ownerGz',
      rows: [
        { name: 'side unknown', event: { side: 'both' }, field: 'side' },
        { name: 'status unknown', event: { status: 'lost' }, field: 'status' },
        { name: 'limit 0', event: { limit: 0 }, field: 'limit' },
        { name: 'limit over 100', event: { limit: 101 }, field: 'limit' },
        ...badId({}, 'orgId', true),
      ],
    },
    ...Object.fromEntries(['approve', 'reject', 'cancel', 'closeRemainder'].map(step)),
    'order.confirmTransfer': { who: 'ownerGd', rows: badId({}, 'paymentId') },
    'order.rejectTransfer': { who: 'ownerGd', rows: [...badId({}, 'paymentId'), { name: 'reason overlong', event: { paymentId: 'pay_x', reason: long(201) }, field: 'reason' }] },
    'order.transfers': {
      who: 'ownerGd',
      rows: badQueuePage(seller, '20'),
    },
    'order.returns': {
      who: 'ownerGd',
      rows: badQueuePage(seller, 'ret_1'),
    },
    'order.balances': { who: 'ownerGz', rows: [...badId({ sellerOrgId: seller }, 'buyerOrgId'), ...badId({ buyerOrgId: ids.storeGz! }, 'sellerOrgId')] },
    'order.requestReturn': {
      who: 'ownerGz',
      rows: [
        ...badId({ lines: [{ lineId: 'L1', quantity: 1 }], requestId: 'return-0001' }, 'orderId'),
        { name: 'lines empty', event: { orderId: 'ord_x', lines: [], requestId: 'return-0001' }, field: 'lines' },
        { name: 'line quantity 0', event: { orderId: 'ord_x', lines: [{ lineId: 'L1', quantity: 0 }], requestId: 'return-0001' }, field: 'lines[0].quantity' },
        { name: 'lineId missing', event: { orderId: 'ord_x', lines: [{ quantity: 1 }], requestId: 'return-0001' }, field: 'lines[0].lineId' },
        { name: 'photos over 9', event: { orderId: 'ord_x', lines: [{ lineId: 'L1', quantity: 1 }], photos: Array.from({ length: 10 }, (_, i) => `cloud://e.b/p${i}.jpg`), requestId: 'return-0001' }, field: 'photos' },
        { name: 'photo not a cloud fileID', event: { orderId: 'ord_x', lines: [{ lineId: 'L1', quantity: 1 }], photos: ['/etc/passwd'], requestId: 'return-0001' }, field: 'photos[0]' },
        { name: 'refundOnly a string', event: { orderId: 'ord_x', lines: [{ lineId: 'L1', quantity: 1 }], refundOnly: 'yes', requestId: 'return-0001' }, field: 'refundOnly' },
        ...badRequestId({ orderId: 'ord_x', lines: [{ lineId: 'L1', quantity: 1 }] }),
      ],
    },
    'order.approveReturn': { who: 'ownerGd', rows: badId({}, 'returnId') },
    'order.rejectReturn': { who: 'ownerGd', rows: [...badId({}, 'returnId'), { name: 'reason overlong', event: { returnId: 'ret_x', reason: long(201) }, field: 'reason' }] },
    'order.topUp': {
      who: 'ownerGz',
      rows: [
        ...badId({ amount: 100, method: 'transfer', requestId: 'topup-0001' }, 'sellerOrgId'),
        ...badFen({ sellerOrgId: seller, method: 'transfer', requestId: 'topup-0001' }, 'amount', 1),
        { name: 'method unknown', event: { sellerOrgId: seller, amount: 100, method: 'cash', requestId: 'topup-0001' }, field: 'method' },
        { name: 'receipt not a cloud fileID', event: { sellerOrgId: seller, amount: 100, method: 'transfer', receiptFileId: 'x.jpg', requestId: 'topup-0001' }, field: 'receiptFileId' },
        ...badRequestId({ sellerOrgId: seller, amount: 100, method: 'transfer' }),
      ],
    },
    'order.repay': {
      who: 'ownerGz',
      rows: [
        ...badId({ amount: 100, method: 'deposit', requestId: 'repay-0001' }, 'sellerOrgId'),
        ...badFen({ sellerOrgId: seller, method: 'deposit', requestId: 'repay-0001' }, 'amount', 1),
        { name: 'method unknown', event: { sellerOrgId: seller, amount: 100, method: 'rebate', requestId: 'repay-0001' }, field: 'method' },
        ...badRequestId({ sellerOrgId: seller, amount: 100, method: 'deposit' }),
      ],
    },
    'order.notices': { who: 'ownerGz', rows: [...badId({}, 'orgId', true), { name: 'unreadOnly a string', event: { unreadOnly: 'true' }, field: 'unreadOnly' }, { name: 'limit 0', event: { limit: 0 }, field: 'limit' }] },
    'order.markNoticesRead': {
      who: 'ownerGz',
      rows: [
        { name: 'noticeIds missing', event: {}, field: 'noticeIds' },
        { name: 'noticeIds empty', event: { noticeIds: [] }, field: 'noticeIds' },
        { name: 'noticeIds over 100', event: { noticeIds: Array.from({ length: 101 }, (_, i) => `n${i}`) }, field: 'noticeIds' },
        { name: 'noticeId an object', event: { noticeIds: [{ $ne: null }] }, field: 'noticeIds[0]' },
      ],
    },
    'order.paymentNotice': {
      who: null,
      rows: (() => {
        const n = { signature: 'c2ln', timestamp: '1764806400', nonce: 'abc123', serial: 'PUB_KEY_ID_1', body: '{}' };
        return [
          { name: 'signature missing', event: { ...n, signature: undefined }, field: 'signature' },
          { name: 'signature not base64', event: { ...n, signature: 'not base64!' }, field: 'signature' },
          { name: 'timestamp not seconds', event: { ...n, timestamp: '2026-12-04' }, field: 'timestamp' },
          { name: 'nonce with symbols', event: { ...n, nonce: 'a-b' }, field: 'nonce' },
          { name: 'serial with a space', event: { ...n, serial: 'PUB KEY' }, field: 'serial' },
          { name: 'body missing', event: { ...n, body: undefined }, field: 'body' },
          { name: 'body over 16 KiB', event: { ...n, body: long(16_385) }, field: 'body' },
        ];
      })(),
    },
    // No fields: junk is dropped, and a sweep with nothing due changes nothing.
    'order.sweep': { who: null, rows: [{ name: 'junk fields ignored', event: { all: true, $where: 'x' }, accepted: true, check: (d: any) => expect(d).toEqual({ timedOut: 0, received: 0, completed: 0, paidLate: 0 }) }] },
  };
}

/** Extra rows of `scan.ship` for the ordering fields. */
export function shipOrderingRows(base: Record<string, unknown>): BadRow[] {
  return [
    ...badId(base, 'orderId', true),
    ...badId(base, 'returnId', true),
    { name: 'carrier overlong', event: { ...base, carrier: long(33) }, field: 'carrier' },
    { name: 'trackingNo with spaces', event: { ...base, trackingNo: 'SF 123' }, field: 'trackingNo' },
  ];
}
