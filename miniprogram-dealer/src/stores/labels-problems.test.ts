import { describe, expect, it } from 'vitest';
import { ALERT_EVIDENCE, ALERT_KINDS, ROLES } from '@channel-router/shared/model';
import { alertEvidenceLabel, alertKindLabel, ledgerKindLabel, levelLabel, penaltyStatusLabel, regionLabel, roleLabel, shortCode, withdrawalStatusLabel } from './labels';
import { checkedRequest, describe as describeProblem, entryIndexOf, requestProblem } from './problems';

const chinese = /[\u4e00-\u9fff]/;

describe('words on screen', () => {
  it('names every value the backend sends in Chinese, and an unknown one as 其他, never raw', () => {
    for (const k of ALERT_KINDS) expect(alertKindLabel(k)).toMatch(chinese);
    for (const e of ALERT_EVIDENCE) expect(alertEvidenceLabel(e)).toMatch(chinese);
    for (const r of ROLES) expect(roleLabel(r)).toMatch(chinese);
    for (const s of ['pending', 'settled', 'waived']) expect(penaltyStatusLabel(s)).toMatch(chinese);
    for (const s of ['requested', 'approved', 'rejected', 'paid', 'failed']) expect(withdrawalStatusLabel(s)).toMatch(chinese);
    expect([alertKindLabel('new_kind'), levelLabel('crate'), ledgerKindLabel('x'), withdrawalStatusLabel('x')]).toEqual(['其他', '其他', '其他', '其他']);
    expect(ledgerKindLabel('dealer_rebate')).toBe('动销返利');
  });

  it('shows regions by name and short codes that fit a row', () => {
    expect(regionLabel('110105')).toBe('北京市 朝阳区');
    expect(regionLabel(null)).toBe('未知地区');
    expect(regionLabel('999999')).toBe('未知地区');
    expect(shortCode('3K1R1NXJ1219GHPGPMSTG5ZZ41')).toBe('3K1R…ZZ41');
  });
});

describe('bad input, checked with the server schemas before anything is sent', () => {
  it('names the field in Chinese', () => {
    expect(requestProblem('scan', 'ship', { codes: ['A'], fromOrgId: 'd' })?.message).toBe('请选择收货方');
    expect(requestProblem('scan', 'receive', { codes: [] })?.message).toBe('扫码清单是空的，请先扫码');
    expect(requestProblem('scan', 'receive', { codes: Array.from({ length: 1001 }, () => 'A') })?.message).toBe('扫码清单最多 1000 项，请分批提交');
    expect(requestProblem('scan', 'receive', { codes: ['ok', 'has space'] })).toEqual({ field: 'codes', index: 1, message: '扫码清单第 2 项不能有空格' });
    expect(requestProblem('channel', 'invite', { orgId: 'd', role: 'boss' })?.message).toBe('请选择身份');
    expect(requestProblem('wallet', 'withdraw', { amount: 0, requestId: 'i-12345678', orgId: 'd' })?.message).toBe('提现金额不能小于 1');
    expect(requestProblem('scan', 'receive', { codes: ['A'], orgId: 'd' })).toBeNull();
  });

  it('hands back the normalised request when it passes', () => {
    expect(checkedRequest('channel', 'join', { inviteCode: 'abcd2345' })).toEqual({ ok: true, req: { inviteCode: 'ABCD2345' } });
    expect(describeProblem(undefined, 'something new').message).toBe('填写的内容有误，请检查');
  });

  it('finds the list entry a server error points at', () => {
    expect(entryIndexOf({ code: 'CONFLICT', message: '', field: 'codes[7]', userMessage: '' })).toBe(7);
    expect(entryIndexOf({ code: 'NOT_FOUND', message: '', field: 'toOrgId', userMessage: '' })).toBeNull();
  });
});
