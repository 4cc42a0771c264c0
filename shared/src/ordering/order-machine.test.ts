import { describe, expect, it } from 'vitest';
import { allowed, initialApproval, ORDER_STATES, ORDER_TRANSITIONS, transitionOrder, type OrderMachineState } from './order-machine.js';

const chain = (roles: string[], step = 0): OrderMachineState['approval'] => ({ chain: roles, step, approvals: [] });

describe('order state machine', () => {
  it('goal: every state reachable in the table is a known state, and only terminal states have no way out', () => {
    const targets = new Set(ORDER_TRANSITIONS.flatMap((r) => r.to));
    for (const s of ORDER_STATES) expect(targets.has(s), s).toBe(true);
    const exits = new Set(ORDER_TRANSITIONS.map((r) => r.from));
    expect(ORDER_STATES.filter((s) => !exits.has(s))).toEqual(['completed', 'cancelled']);
  });

  it('goal: submit goes to pending_payment while something is left to pay, else to approval (or approved with an empty chain)', () => {
    expect(transitionOrder({ status: 'new', approval: chain(['owner']) }, { type: 'submit', nothingToPay: false }, 'buyer')).toMatchObject({ ok: true, data: { status: 'pending_payment' } });
    expect(transitionOrder({ status: 'new', approval: chain(['owner']) }, { type: 'submit', nothingToPay: true }, 'buyer')).toMatchObject({ ok: true, data: { status: 'pending_approval' } });
    expect(transitionOrder({ status: 'new', approval: chain([]) }, { type: 'submit', nothingToPay: true }, 'buyer')).toMatchObject({ ok: true, data: { status: 'approved' } });
  });

  it('goal: the approval chain is taken in order; owner-like approvers may take any step', () => {
    const s0: OrderMachineState = { status: 'pending_approval', approval: chain(['finance', 'owner']) };
    expect(transitionOrder(s0, { type: 'approve', role: 'owner', anyStep: false }, 'seller_approver')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const s1 = transitionOrder(s0, { type: 'approve', role: 'finance', anyStep: false }, 'seller_approver', 'u-f', 1);
    expect(s1).toMatchObject({ ok: true, data: { status: 'pending_approval', approval: { step: 1 } } });
    if (!s1.ok) return;
    const s2 = transitionOrder({ status: s1.data.status, approval: s1.data.approval }, { type: 'approve', role: 'admin', anyStep: true }, 'seller_approver', 'u-a', 2);
    expect(s2).toMatchObject({ ok: true, data: { status: 'approved', approval: { step: 2, approvals: [{ role: 'finance', by: 'u-f' }, { role: 'owner', by: 'u-a' }] } } });
  });

  it('goal: a step the state does not allow is INVALID_STATE; the wrong party is FORBIDDEN', () => {
    const shipped: OrderMachineState = { status: 'shipped', approval: chain([]) };
    expect(transitionOrder(shipped, { type: 'cancel' }, 'buyer')).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(transitionOrder({ status: 'approved', approval: chain([]) }, { type: 'cancel' }, 'buyer')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(transitionOrder({ status: 'approved', approval: chain([]) }, { type: 'cancel' }, 'seller')).toMatchObject({ ok: true, data: { status: 'cancelled' } });
    expect(transitionOrder({ status: 'received', approval: chain([]) }, { type: 'complete' }, 'buyer')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(allowed('closeRemainder', 'approved', 'seller')).toBe(false);
    expect(allowed('closeRemainder', 'partially_shipped', 'seller')).toBe(true);
  });

  it('goal: an approval threshold leaves small orders out of the chain', () => {
    expect(initialApproval(['owner'], 10_000, 50_000).chain).toEqual([]);
    expect(initialApproval(['owner'], 60_000, 50_000).chain).toEqual(['owner']);
    expect(initialApproval(['owner'], 10_000, null).chain).toEqual(['owner']);
  });
});
