import { describe, expect, it } from 'vitest';
import { int, object } from '@channel-router/shared/validation/schema';
import { checkField, checkRequest, describeProblem, problemFromReply, type ProblemLabels } from './problems';

// Goal: one renderer says every schema problem in Chinese from { field, rule, limit } alone,
// naming the field as the person knows it; nothing here reads the schemas' English text.
const LABELS: ProblemLabels = {
  name: '名称',
  sku: { label: '商品编码', format: '字母和数字' },
  territory: '经营区域',
  'policy.storeReward': { label: '门店奖励', formField: 'storeReward', money: true },
  'packaging.itemsPerBox': { label: '每盒件数', formField: 'itemsPerBox' },
  toOrgId: { label: '收货方', choose: true },
};

describe('describeProblem', () => {
  it('says each rule with its bound, money in yuan, counts as plain numbers', () => {
    expect(describeProblem({ field: 'name', rule: 'required' }, LABELS)).toEqual({ field: 'name', index: null, message: '请填写名称' });
    expect(describeProblem({ field: 'toOrgId', rule: 'required' }, LABELS).message).toBe('请选择收货方');
    expect(describeProblem({ field: 'policy.storeReward', rule: 'max', limit: 10_000_000_000 }, LABELS)).toEqual({ field: 'storeReward', index: null, message: '门店奖励不能大于 ¥100000000.00' });
    expect(describeProblem({ field: 'packaging.itemsPerBox', rule: 'max', limit: 1000 }, LABELS)).toEqual({ field: 'itemsPerBox', index: null, message: '每盒件数不能大于 1000' });
    expect(describeProblem({ field: 'name', rule: 'max_length', limit: 40 }, LABELS).message).toBe('名称最多 40 个字');
    expect(describeProblem({ field: 'sku', rule: 'pattern' }, LABELS).message).toBe('商品编码格式不对：字母和数字');
  });

  it('points at the entry of a list', () => {
    expect(describeProblem({ field: 'territory[1]', rule: 'unknown_region' }, LABELS)).toEqual({ field: 'territory', index: 1, message: '经营区域第 2 项：没有这个地区码' });
    expect(describeProblem({ field: 'codes[3]', rule: 'max_length', limit: 300 })).toEqual({ field: 'codes', index: 3, message: '扫码清单第 4 项最多 300 位' });
  });

  it('falls back to plain words for an unknown field or rule', () => {
    expect(describeProblem({ field: 'unknown', rule: 'invalid' }, LABELS)).toEqual({ field: 'unknown', index: null, message: '填写的内容有误，请检查' });
    expect(describeProblem({ field: 'name' }, LABELS).message).toBe('名称填写有误，请检查');
    expect(describeProblem({}, LABELS).field).toBe('form');
  });
});

describe('checkRequest', () => {
  it('answers the typed request when the server would accept it', () => {
    const r = checkRequest('channel', 'join', { inviteCode: ' ab12 ' });
    expect(r).toEqual({ ok: true, value: { inviteCode: 'AB12' } });
  });

  it('words a real schema problem, with the common labels and the bound from the schema', () => {
    const short = checkRequest('channel', 'join', { inviteCode: 'ab' });
    expect(short).toMatchObject({ ok: false, problem: { field: 'inviteCode', message: '邀请码至少 4 位' } });
    const empty = checkRequest('scan', 'receive', { codes: [], orgId: 'o1' });
    expect(empty).toMatchObject({ ok: false, problem: { field: 'codes', message: '请至少添加一个扫码清单' } });
    const minimum = checkRequest('wallet', 'withdraw', { amount: 0, requestId: 'req_12345678' });
    expect(minimum).toMatchObject({ ok: false, problem: { field: 'amount', message: '提现金额不能小于 ¥0.01' } });
  });
});

describe('checkField and problemFromReply', () => {
  it('checks one field with its own schema', () => {
    const s = object({ n: int({ min: 1, max: 5 }) });
    expect(checkField(s, { n: 9 }, '', { n: '数量' })).toEqual({ field: 'n', index: null, message: '数量不能大于 5' });
    expect(checkField(s, { n: 3 }, '', { n: '数量' })).toBeNull();
  });

  it('turns a reply about a known field into a field problem, and leaves other replies alone', () => {
    expect(problemFromReply({ code: 'CONFLICT', message: 'dup', field: 'sku', userMessage: 'x' }, LABELS)).toEqual({ field: 'sku', index: null, message: '商品编码已被使用，请换一个' });
    expect(problemFromReply({ code: 'INVALID_ARGUMENT', message: 'x', field: 'name', rule: 'required', userMessage: 'x' }, LABELS)?.message).toBe('请填写名称');
    expect(problemFromReply({ code: 'NETWORK', message: 'timeout', userMessage: 'x' }, LABELS)).toBeNull();
    expect(problemFromReply({ code: 'INVALID_ARGUMENT', message: 'x', field: 'other', userMessage: 'x' }, LABELS)).toBeNull();
  });
});

describe('scan, invite and withdraw requests, checked before anything is sent', () => {
  const message = (fn: Parameters<typeof checkRequest>[0], action: string, req: unknown) => {
    const r = checkRequest(fn, action as never, req, { toOrgId: { label: '收货方', choose: true }, orgId: '当前单位' });
    return r.ok ? null : r.problem;
  };
  it('names the field in Chinese', () => {
    expect(message('scan', 'ship', { codes: ['A'], fromOrgId: 'd' })?.message).toBe('请选择收货方');
    expect(message('scan', 'receive', { codes: [] })?.message).toBe('请至少添加一个扫码清单');
    expect(message('scan', 'receive', { codes: Array.from({ length: 1001 }, () => 'A') })?.message).toBe('扫码清单最多 1000 项，请分批提交');
    expect(message('scan', 'receive', { codes: ['ok', 'has space'] })).toEqual({ field: 'codes', index: 1, message: '扫码清单第 2 项格式不对：不能有空格' });
    expect(message('channel', 'invite', { orgId: 'd', role: 'boss' })?.message).toBe('请选择身份');
    expect(message('wallet', 'withdraw', { amount: 0, requestId: 'i-12345678', orgId: 'd' })?.message).toBe('提现金额不能小于 ¥0.01');
    expect(message('scan', 'receive', { codes: ['A'], orgId: 'd' })).toBeNull();
  });
});

describe('admin forms, checked with the real request schemas', () => {
  it('names a missing name, an unknown region entry and a territory a dealer must have', () => {
    const labels: ProblemLabels = { name: '名称', territory: '经营区域' };
    const product = checkRequest('channel', 'createProduct', { sku: 'A1', name: '', packaging: { itemsPerBox: 1, boxesPerCase: 1 }, policy: { consumerReward: 0, storeReward: 0, dealerRebate: 0, diversionPenalty: 0 } }, labels);
    expect(product).toMatchObject({ ok: false, problem: { field: 'name', message: '请填写名称' } });
    const region = checkRequest('channel', 'createOrg', { kind: 'dealer', name: 'd', upstreamId: 'brand', regionCode: '440100', territory: ['440000', '999999'] }, labels);
    expect(region).toMatchObject({ ok: false, problem: { field: 'territory', index: 1, message: '经营区域第 2 项：没有这个地区码' } });
    const none = checkRequest('channel', 'createOrg', { kind: 'dealer', name: 'd', upstreamId: 'brand', regionCode: '440100' }, labels);
    expect(none).toMatchObject({ ok: false, problem: { field: 'territory', message: '请至少添加一个经营区域' } });
  });
});
