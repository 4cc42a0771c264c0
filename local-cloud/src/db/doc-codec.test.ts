import { ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { assertStorable, decodeDoc, encodeDate, encodeDoc, parseWireValue } from './doc-codec.js';

describe('document codec', () => {
  it('round-trips dates before and after 1970 as fixed-width ISO text (so SQLite orders them)', () => {
    const doc = { _id: 'a', old: new Date('1960-05-01T00:00:00.000Z'), now: new Date(1_700_000_000_123), nested: { at: [new Date(0)] } };
    const text = encodeDoc(doc);
    expect(text).toContain('{"$date":"1960-05-01T00:00:00.000Z"}');
    expect(decodeDoc(text)).toEqual(doc);
    expect(encodeDate(new Date('1960-01-01T00:00:00Z')) < encodeDate(new Date('2020-01-01T00:00:00Z'))).toBe(true);
  });

  it('keeps ObjectId, non-finite numbers and regular expressions', () => {
    const oid = new ObjectId();
    const doc = decodeDoc(encodeDoc({ o: oid, inf: Infinity, nan: NaN, re: /ab+c/i }));
    expect((doc.o as ObjectId).toHexString()).toBe(oid.toHexString());
    expect(doc.inf).toBe(Infinity);
    expect(Number.isNaN(doc.nan)).toBe(true);
    expect(doc.re).toEqual(/ab+c/i);
  });

  it('refuses dates outside the years 0000-9999 and invalid dates', () => {
    expect(() => encodeDoc({ d: new Date(Date.UTC(10000, 0, 1)) })).toThrow(/0000-9999/);
    expect(() => encodeDoc({ d: new Date(NaN) })).toThrow(/invalid Date/);
  });

  it('refuses field names that start with $ or contain a dot, and excessive nesting', () => {
    expect(() => assertStorable({ $set: 1 }, 10)).toThrow(/field name/);
    expect(() => assertStorable({ a: { 'b.c': 1 } }, 10)).toThrow(/field name/);
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 12; i++) deep = (deep.x = {}) as Record<string, unknown>;
    expect(() => assertStorable(root, 10)).toThrow(/nesting/);
    expect(() => assertStorable({ a: [1, { b: 'x' }] }, 10)).not.toThrow();
  });

  it('parses canonical EJSON from the SDK into plain values and resolves db.serverDate()', () => {
    const text = '{"n":{"$numberInt":"7"},"d":{"$numberDouble":"1.5"},"at":{"$date":{"$numberLong":"1000"}},"re":{"$regularExpression":{"pattern":"^x","options":"i"}},"now":{"$tcb_server_date":{"offset":{"$numberInt":"500"}}}}';
    const v = parseWireValue(text, 10_000, 100) as Record<string, unknown>;
    expect(v).toEqual({ n: 7, d: 1.5, at: new Date(1000), re: /^x/i, now: new Date(10_500) });
  });

  it('refuses malformed EJSON and unsupported regex options with INVALID_PARAM', () => {
    expect(() => parseWireValue('{"a":', 0, 100)).toThrow(expect.objectContaining({ code: 'INVALID_PARAM' }));
    expect(() => parseWireValue('{"re":{"$regularExpression":{"pattern":"x","options":"x"}}}', 0, 100)).toThrow(/option/);
  });
});
