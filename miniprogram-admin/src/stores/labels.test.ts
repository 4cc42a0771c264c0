import { describe, expect, it } from 'vitest';
import { ALERT_EVIDENCE, ALERT_KINDS, BIZ_STEPS, UNIT_LEVELS } from '@channel-router/shared/model';
import { ALERT_EVIDENCE_LABELS, ALERT_KIND_LABELS, BIZ_STEP_LABELS, groupedCode, label, LEVEL_LABELS, timeText } from './labels';

const CHINESE = /[\u4e00-\u9fff]/;

describe('labels', () => {
  it('names every alert kind, evidence, business step and level of the model in Chinese', () => {
    for (const k of ALERT_KINDS) expect(ALERT_KIND_LABELS[k]).toMatch(CHINESE);
    for (const e of ALERT_EVIDENCE) expect(ALERT_EVIDENCE_LABELS[e]).toMatch(CHINESE);
    for (const s of BIZ_STEPS) expect(BIZ_STEP_LABELS[s]).toMatch(CHINESE);
    for (const l of UNIT_LEVELS) expect(LEVEL_LABELS[l]).toMatch(CHINESE);
  });

  it('never shows a raw value the app does not know', () => {
    expect(label(ALERT_KIND_LABELS, 'brand_new_kind')).toBe('其他');
    expect(label(ALERT_KIND_LABELS, null)).toBe('其他');
    expect(label(ALERT_KIND_LABELS, 'toString')).toBe('其他');
  });

  it('formats times and codes for reading', () => {
    expect(timeText(Date.UTC(2025, 0, 2, 3, 4))).toMatch(/^2025-01-0[12] \d\d:04$/);
    expect(groupedCode('ABCDEFGH')).toBe('ABCD EFGH');
  });
});
