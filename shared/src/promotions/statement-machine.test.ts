import { describe, expect, it } from 'vitest';
import { newStatement, transitionStatement, type StatementEvent, type StatementMachine } from './statement-machine.js';

function step(s: StatementMachine, e: StatementEvent): StatementMachine {
  const r = transitionStatement(s, e);
  if (!r.ok) throw new Error(`${e.type}: ${r.error.code} ${r.error.message}`);
  return r.data;
}

describe('statement approval', () => {
  it('goal: roles approve in order, each recorded; after the last it is posted once', () => {
    let s = newStatement(['finance', 'owner'], 'system', 1);
    expect(s.status).toBe('pending_approval');
    expect(transitionStatement(s, { type: 'approve', role: 'owner', anyStep: false, by: 'u_owner', at: 2 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(transitionStatement(s, { type: 'post', by: 'system', at: 2 })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    s = step(s, { type: 'approve', role: 'finance', anyStep: false, by: 'u_fin', at: 3 });
    expect(s).toMatchObject({ status: 'pending_approval', step: 1 });
    s = step(s, { type: 'approve', role: 'owner', anyStep: false, by: 'u_owner', at: 4 });
    expect(s).toMatchObject({ status: 'approved', step: 2, approvals: [{ role: 'finance', by: 'u_fin', at: 3 }, { role: 'owner', by: 'u_owner', at: 4 }] });
    expect(transitionStatement(s, { type: 'approve', role: 'owner', anyStep: true, by: 'u_owner', at: 5 })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    s = step(s, { type: 'post', by: 'system', at: 5 });
    expect(s.status).toBe('posted');
    expect(transitionStatement(s, { type: 'post', by: 'system', at: 6 })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(s.history.map((h) => [h.event, h.from, h.to])).toEqual([
      ['compute', 'new', 'pending_approval'],
      ['approve', 'pending_approval', 'pending_approval'],
      ['approve', 'pending_approval', 'approved'],
      ['post', 'approved', 'posted'],
    ]);
  });

  it('goal: a rejection needs a reason and returns the statement; resubmitted, the chain starts again and the history keeps all', () => {
    let s = newStatement(['finance', 'owner'], 'system', 1);
    s = step(s, { type: 'approve', role: 'finance', anyStep: false, by: 'u_fin', at: 2 });
    expect(transitionStatement(s, { type: 'reject', role: 'owner', anyStep: false, by: 'u_owner', at: 3, reason: '  ' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'reason' } });
    expect(transitionStatement(s, { type: 'reject', role: 'finance', anyStep: false, by: 'u_fin', at: 3, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    s = step(s, { type: 'reject', role: 'owner', anyStep: false, by: 'u_owner', at: 3, reason: '退货未计入' });
    expect(s).toMatchObject({ status: 'returned', reason: '退货未计入' });
    expect(transitionStatement(s, { type: 'approve', role: 'finance', anyStep: false, by: 'u_fin', at: 4 })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    s = step(s, { type: 'resubmit', by: 'u_fin', at: 5 });
    expect(s).toMatchObject({ status: 'pending_approval', step: 0, approvals: [] });
    expect(s.reason).toBeUndefined();
    // the seller's owner (or the brand's admin) may take any step
    s = step(s, { type: 'approve', role: 'admin', anyStep: true, by: 'u_admin', at: 6 });
    expect(s.approvals).toEqual([{ role: 'finance', by: 'u_admin', at: 6 }]);
    expect(s.history.map((h) => h.event)).toEqual(['compute', 'approve', 'reject', 'resubmit', 'approve']);
    expect(s.history[2]).toMatchObject({ role: 'owner', by: 'u_owner', reason: '退货未计入' });
  });

  it('goal: an empty chain is approved at once and only waits to be posted', () => {
    const s = newStatement([], 'system', 1);
    expect(s.status).toBe('approved');
    expect(step(s, { type: 'post', by: 'system', at: 2 }).status).toBe('posted');
  });
});
