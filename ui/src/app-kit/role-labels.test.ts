import { describe, expect, it } from 'vitest';
import { ORG_KINDS, ROLES } from '@channel-router/shared/model';
import { membershipLabel, ORG_KIND_LABELS, ROLE_LABELS } from './role-labels';

describe('role labels', () => {
  it('names every role and org kind of the model in Chinese', () => {
    for (const r of ROLES) expect(ROLE_LABELS[r]).toMatch(/[\u4e00-\u9fff]/);
    for (const k of ORG_KINDS) expect(ORG_KIND_LABELS[k]).toMatch(/[\u4e00-\u9fff]/);
    expect(membershipLabel('store', 'clerk')).toBe('门店 · 店员');
  });
});
