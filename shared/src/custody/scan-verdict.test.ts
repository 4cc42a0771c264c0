import { describe, expect, it } from 'vitest';
import { scanVerdict, type IdentifiedCode } from './scan-verdict.js';

// Goal: one verdict per identified code, the same for every app; each branch of the rule is
// reached by the code it is about, and a refusal never depends on the target.
const ORG = 'org_me';
const code = (o: Partial<IdentifiedCode> = {}): IdentifiedCode => ({
  kind: 'visible',
  actions: ['receive', 'ship'],
  holderOrgId: 'org_up',
  holderName: '上游经销商',
  inTransitTo: null,
  ...o,
});

describe('scanVerdict: receive', () => {
  const receive = (c: IdentifiedCode) => scanVerdict({ purpose: 'receive', orgId: ORG, code: c });

  it('refuses the reward code under a cap, whatever else identify says', () => {
    expect(receive(code({ kind: 'hidden', inTransitTo: ORG }))).toEqual({ ok: false, refusal: 'reward_code', holderName: '上游经销商' });
  });
  it('refuses when identify offers no receive for this org', () => {
    expect(receive(code({ actions: ['ship'], inTransitTo: ORG }))).toMatchObject({ ok: false, refusal: 'may_not_receive' });
  });
  it('refuses what the org holds already and has not shipped', () => {
    expect(receive(code({ holderOrgId: ORG }))).toMatchObject({ ok: false, refusal: 'already_held' });
  });
  it('accepts goods shipped to the org, marked expected', () => {
    expect(receive(code({ inTransitTo: ORG }))).toEqual({ ok: true, note: 'none', foreign: false, expected: true });
  });
  it('accepts expected goods from another dealer, still flagged foreign', () => {
    expect(receive(code({ inTransitTo: ORG, notFromYourDealer: true }))).toEqual({ ok: true, note: 'none', foreign: true, expected: true });
  });
  it('takes back what the org shipped and is not yet signed for', () => {
    expect(receive(code({ holderOrgId: ORG, inTransitTo: 'org_down' }))).toMatchObject({ ok: true, note: 'recall' });
  });
  it('warns about another dealer’s goods that were not shipped here', () => {
    expect(receive(code({ notFromYourDealer: true }))).toEqual({ ok: true, note: 'foreign', foreign: true, expected: false });
  });
  it('warns about goods not shipped here (an anomaly is recorded)', () => {
    expect(receive(code())).toEqual({ ok: true, note: 'unannounced', foreign: false, expected: false });
  });
});

describe('scanVerdict: ship', () => {
  const ship = (c: IdentifiedCode, targetOrgId: string | null = null) => scanVerdict({ purpose: 'ship', orgId: ORG, code: c, targetOrgId });

  it('refuses the reward code under a cap', () => {
    expect(ship(code({ kind: 'hidden', holderOrgId: ORG }))).toMatchObject({ ok: false, refusal: 'reward_code' });
  });
  it('refuses goods the org neither holds nor has coming, naming the holder', () => {
    expect(ship(code(), 'org_down')).toEqual({ ok: false, refusal: 'not_held', holderName: '上游经销商' });
    expect(ship(code({ holderName: '' }))).toEqual({ ok: false, refusal: 'not_held', holderName: null });
  });
  it('refuses when identify offers no ship, even for goods held', () => {
    expect(ship(code({ holderOrgId: ORG, actions: ['receive'] }))).toMatchObject({ ok: false, refusal: 'not_held' });
  });
  it('accepts goods held, with nothing to say', () => {
    expect(ship(code({ holderOrgId: ORG }))).toEqual({ ok: true, note: 'none', foreign: false, expected: false });
  });
  it('accepts goods still on their way to the org: shipping receives them first', () => {
    expect(ship(code({ inTransitTo: ORG }))).toMatchObject({ ok: true, note: 'receive_first' });
  });
  it('tells a repeated shipment to the same target from a redirect', () => {
    const inTransit = code({ holderOrgId: ORG, inTransitTo: 'org_down' });
    expect(ship(inTransit, 'org_down')).toMatchObject({ ok: true, note: 'already_to_target' });
    expect(ship(inTransit, 'org_other')).toMatchObject({ ok: true, note: 'redirect' });
    expect(ship(inTransit, null)).toMatchObject({ ok: true, note: 'redirect' });
  });
  it('asserts an org to judge for', () => {
    expect(() => scanVerdict({ purpose: 'ship', orgId: '', code: code() })).toThrow(/orgId/);
  });
});

describe('scanVerdict: a return shipped back', () => {
  const back = (c: IdentifiedCode) => scanVerdict({ purpose: 'ship', orgId: ORG, code: c, targetOrgId: 'org_up', returning: true });

  it('accepts what the org holds even where the app offers no plain shipping (a store)', () => {
    expect(back(code({ holderOrgId: ORG, actions: ['receive', 'open'] }))).toEqual({ ok: true, note: 'none', foreign: false, expected: false });
  });
  it('refuses goods still on their way here, elsewhere, or already sent on', () => {
    expect(back(code({ inTransitTo: ORG }))).toMatchObject({ ok: false, refusal: 'not_held' });
    expect(back(code())).toMatchObject({ ok: false, refusal: 'not_held' });
    expect(back(code({ holderOrgId: ORG, inTransitTo: 'org_up' }))).toMatchObject({ ok: false, refusal: 'not_held' });
  });
  it('refuses the reward code under a cap', () => {
    expect(back(code({ kind: 'hidden', holderOrgId: ORG }))).toMatchObject({ ok: false, refusal: 'reward_code' });
  });
});
