import { describe, expect, it } from 'vitest';
import { parseRequest } from '@channel-router/shared/validation/requests';
import { describeProblem, isRetryable, parseCount, problemFromReply, type FieldSpecs } from './form-errors';

const SPECS: FieldSpecs = {
  name: { label: '名称' },
  sku: { label: '商品编码', format: '字母和数字' },
  territory: { label: '经营区域' },
  'policy.storeReward': { label: '门店奖励', formField: 'storeReward', money: true },
  'packaging.itemsPerBox': { label: '每盒件数', formField: 'itemsPerBox' },
};

describe('form problems in Chinese', () => {
  it('names the field of a schema problem, in Chinese, with the form field to mark', () => {
    const r = parseRequest('channel', 'createProduct', { sku: 'A1', name: '', packaging: { itemsPerBox: 1, boxesPerCase: 1 }, policy: { consumerReward: 0, storeReward: 0, dealerRebate: 0, diversionPenalty: 0 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(describeProblem(r.error.field, r.error.message, SPECS)).toEqual({ field: 'name', message: '请填写名称' });
  });

  it('shows money bounds in yuan and counts as plain numbers', () => {
    expect(describeProblem('policy.storeReward', 'policy.storeReward must be at most 10000000000', SPECS)).toEqual({ field: 'storeReward', message: '门店奖励不能大于 ¥100000000.00' });
    expect(describeProblem('packaging.itemsPerBox', 'packaging.itemsPerBox must be at most 1000', SPECS)).toEqual({ field: 'itemsPerBox', message: '每盒件数不能大于 1000' });
  });

  it('points at the entry of a list and explains region codes', () => {
    const r = parseRequest('channel', 'createOrg', { kind: 'dealer', name: 'd', upstreamId: 'brand', regionCode: '440100', territory: ['440000', '999999'] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(describeProblem(r.error.field, r.error.message, SPECS)).toEqual({ field: 'territory', message: '经营区域第 2 项：没有 999999 这个地区码' });
    expect(describeProblem('territory', 'territory is required for a dealer', SPECS).message).toBe('请至少添加一个经营区域');
  });

  it('uses the field format for pattern problems and a plain fallback for anything else', () => {
    expect(describeProblem('sku', 'sku must be letters, digits and - _ . /', SPECS).message).toBe('商品编码格式不对：字母和数字');
    expect(describeProblem('unknown', 'something odd', SPECS)).toEqual({ field: 'unknown', message: '填写的内容有误，请检查' });
  });

  it('turns a server reply about a field into a field problem, and leaves other replies alone', () => {
    expect(problemFromReply({ code: 'CONFLICT', message: 'dup', field: 'sku', userMessage: 'x' }, SPECS)).toEqual({ field: 'sku', message: '商品编码已被使用，请换一个' });
    expect(problemFromReply({ code: 'NETWORK', message: 'timeout', userMessage: 'x' }, SPECS)).toBeNull();
    expect(isRetryable({ code: 'NETWORK', message: '', userMessage: '' })).toBe(true);
    expect(isRetryable({ code: 'FORBIDDEN', message: '', userMessage: '' })).toBe(false);
  });

  it('reads whole numbers only', () => {
    expect(parseCount(' 12 ')).toBe(12);
    expect(parseCount('1.5')).toBeNull();
    expect(parseCount('-3')).toBeNull();
    expect(parseCount('')).toBeNull();
  });
});
