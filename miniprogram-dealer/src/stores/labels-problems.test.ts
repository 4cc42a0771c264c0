import { describe, expect, it } from 'vitest';
import { ALERT_EVIDENCE, ALERT_KINDS, ROLES } from '@channel-router/shared/model';
import { alertEvidenceLabel, alertKindLabel, levelLabel, penaltyStatusLabel, regionLabel, roleLabel, shortCode } from './labels';

const chinese = /[\u4e00-\u9fff]/;

describe('words on screen', () => {
  it('names every value the backend sends in Chinese, and an unknown one as 其他, never raw', () => {
    for (const k of ALERT_KINDS) expect(alertKindLabel(k)).toMatch(chinese);
    for (const e of ALERT_EVIDENCE) expect(alertEvidenceLabel(e)).toMatch(chinese);
    for (const r of ROLES) expect(roleLabel(r)).toMatch(chinese);
    for (const s of ['pending', 'settled', 'waived']) expect(penaltyStatusLabel(s)).toMatch(chinese);
    expect([alertKindLabel('new_kind'), levelLabel('crate')]).toEqual(['其他', '其他']);
  });

  it('shows regions by name and short codes that fit a row', () => {
    expect(regionLabel('110105')).toBe('北京市 朝阳区');
    expect(regionLabel(null)).toBe('未知地区');
    expect(regionLabel('999999')).toBe('未知地区');
    expect(shortCode('3K1R1NXJ1219GHPGPMSTG5ZZ41')).toBe('3K1R…ZZ41');
  });
});
