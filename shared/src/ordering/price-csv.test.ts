import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fenToYuan, formatPolicyCsv, parsePolicyCsv, shanghaiToMs, yuanToFen } from './price-csv.js';

const HEADER = 'policy,scope,targets,productId,price,minQuantity,from,to,priority,enabled';

describe('price CSV', () => {
  // Goal: yuan with two decimals in the file, fen inside; Shanghai dates; every bad row reported.
  it('yuan ↔ fen', () => {
    expect(yuanToFen('12.50')).toBe(1250);
    expect(yuanToFen('12.5')).toBe(1250);
    expect(yuanToFen('12')).toBe(1200);
    expect(yuanToFen('0.01')).toBe(1);
    for (const bad of ['12.345', '-1', '1,000.00', 'abc', '', '1e3']) expect(yuanToFen(bad), bad).toBeNull();
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e10 }), (f) => yuanToFen(fenToYuan(f)) === f));
  });
  it('Shanghai midnight', () => {
    expect(shanghaiToMs('2026-12-04')).toBe(Date.UTC(2026, 11, 3, 16, 0));
    expect(shanghaiToMs('2026-02-30')).toBeNull();
  });
  it('parses a file with a BOM and CRLF into policies, rows of one policy grouped', () => {
    const text = `\uFEFF${HEADER}\r\nvip,level,A|B,p1,35.00,,2026-01-01,2027-01-01,1,是\r\nvip,level,A|B,p2,"12.50",10,2026-01-01,2027-01-01,1,是\r\nall1,all,,p1,36,,2026-01-01,2027-01-01,,\r\n`;
    const r = parsePolicyCsv(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data).toHaveLength(2);
    expect(r.data[0]).toMatchObject({ key: 'vip', scope: 'level', targetIds: ['A', 'B'], items: [{ productId: 'p1', price: 3500 }, { productId: 'p2', price: 1250, minQuantity: 10 }], priority: 1, enabled: true, itemRows: [2, 3] });
    expect(r.data[1]).toMatchObject({ key: 'all1', scope: 'all', targetIds: [], priority: 0, enabled: true });
  });
  it('reports every bad row by row and column, and gives nothing', () => {
    const text = [HEADER, 'x,level,A,p1,35.001,,2026-01-01,2027-01-01,0,是', 'y,region,,p1,35,,2026-01-01,2027-01-01,0,是', 'z,all,,p1,35,,2027-01-01,2026-01-01,0,maybe', 'ok,all,,p1,35,,2026-01-01,2027-01-01,0,否'].join('\n');
    const r = parsePolicyCsv(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.field).toBe('csv');
    const errors = (r.error.details as { errors: Array<{ row: number; column: string }> }).errors;
    expect(errors.map((e) => `${e.row}:${e.column}`)).toEqual(['2:price', '3:targets', '4:to', '4:enabled']);
  });
  it('a missing header column is named', () => {
    const r = parsePolicyCsv('policy,scope\nx,all');
    expect(r.ok).toBe(false);
    if (!r.ok) expect((r.error.details as { errors: Array<{ column: string }> }).errors[0]!.column).toBe('targets');
  });
  it('format then parse gives the same policies back', () => {
    const p = { policyId: 'pp_1', scope: 'customer' as const, targetIds: ['s1', 's2'], items: [{ productId: 'p1', price: 1999 }, { productId: 'p1', price: 1899, minQuantity: 20 }], from_ms: shanghaiToMs('2026-01-01')!, to_ms: shanghaiToMs('2026-06-30 18:30')!, priority: 3, enabled: false };
    const text = formatPolicyCsv([p]);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const r = parsePolicyCsv(text);
    expect(r.ok && r.data[0]).toMatchObject({ key: 'pp_1', scope: 'customer', targetIds: ['s1', 's2'], items: p.items, from_ms: p.from_ms, to_ms: p.to_ms, priority: 3, enabled: false });
  });
});
