import { describe, expect, it } from 'vitest';
import { scriptedClient } from '../testing';
import { checkImportFile, importProblemText, importRefusal, templateCsv } from './price-import';

// Goal: a price-policy CSV with a bad row is reported by row and column in Chinese — on the phone
// before sending (the shared parser), and from the server's refusal (`details.errors`) — and a
// good file is counted (policies, items) before it is sent.

const HEAD = 'policy,scope,targets,productId,price,minQuantity,from,to,priority,enabled';
const good = `\uFEFF${HEAD}\r\nspring,all,,soy,12.50,,2026-01-01,2027-01-01,10,是\r\nspring,all,,vin,8.00,5,2026-01-01,2027-01-01,10,是\r\n`;

describe('CSV import on the phone', () => {
  it('counts the policies and items of a good file', () => {
    expect(checkImportFile(good)).toEqual({ ok: true, policies: 1, items: 2 });
  });

  it('names the row and column of a bad price, and says nothing is imported', () => {
    const bad = good.replace('8.00', '8.0x');
    const r = checkImportFile(bad);
    if (r.ok) throw new Error('expected a refusal');
    expect(r.problems.map((p) => [p.row, p.column, p.text])).toEqual([[3, 'price', '第 3 行 · 价格(price)：应为大于 0 的金额（元，最多两位小数）']]);
    expect(r.summary).toContain('没有导入任何价格政策');
  });

  it('lists every bad row, including a missing header column', () => {
    const r = checkImportFile('policy,scope\r\nx,all\r\n');
    if (r.ok) throw new Error('expected a refusal');
    expect(r.problems.every((p) => p.row === 1)).toBe(true);
    expect(r.problems[0]!.text).toBe('第 1 行 · 对象(targets)：表头缺少这一列');
  });

  it('refuses an empty file', () => {
    expect(checkImportFile('  ').ok).toBe(false);
  });

  it('starts a new file from the template header with a BOM', () => {
    expect(templateCsv()).toBe(`\uFEFF${HEAD}\r\n`);
  });
});

describe('the server refusing an import', () => {
  it('maps a floor refusal and an unknown product to rows and columns', () => {
    const r = importRefusal({
      code: 'PRICE_BELOW_FLOOR', message: 'x', field: 'csv', userMessage: '价格低于品牌控价',
      details: { errors: [{ row: 2, column: 'price', message: "1000 fen is below the brand's floor of 1100 fen for stores" }, { row: 4, column: 'productId', message: 'no such product' }] },
    });
    expect(r.problems.map((p) => p.text)).toEqual(['第 2 行 · 价格(price)：低于品牌控价', '第 4 行 · 商品(productId)：没有这个商品']);
    expect(r.total).toBe(2);
  });

  it('reads the rows through the real client (the reply\'s details reach the page)', async () => {
    const errors = [{ row: 3, column: 'productId', message: 'no such product' }];
    const { client } = scriptedClient({ 'trade.importPricePolicies': [{ ok: false, error: { code: 'INVALID_ARGUMENT', message: '1 problem(s)', field: 'csv', details: { errors } } }] });
    const r = await client.trade.importPricePolicies({ csv: good }, { intent: client.newIntent() });
    if (r.ok) throw new Error('expected a refusal');
    expect(importRefusal(r.error).problems.map((p) => p.text)).toEqual(['第 3 行 · 商品(productId)：没有这个商品']);
  });

  it('falls back to the plain words when the reply carries no rows', () => {
    const r = importRefusal({ code: 'FORBIDDEN', message: 'x', userMessage: '没有权限' });
    expect([r.problems.length, r.summary]).toEqual([0, '没有权限']);
  });

  it('keeps a message it has no words for', () => {
    expect(importProblemText({ row: 5, column: null, message: 'something new' }).text).toBe('第 5 行：something new');
  });
});
