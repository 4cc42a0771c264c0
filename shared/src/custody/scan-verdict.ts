/**
 * The verdict for one scanned code on a running list: may the org acting now receive or ship it,
 * and what is worth a look. Decided here once, from what `scan.identify` said about the code, so
 * that every app (the brand's ship, a dealer's ship and receive, a store's stock-in) says the
 * same about the same code. The server still decides on submit (custody/plan.ts); this verdict
 * only spares a person a submit that would fail, and warns before evidence is recorded.
 *
 * Pure: no I/O, no words (the app kit turns a verdict into Chinese).
 */
import type { IdentifyRes } from '../api/actions.js';

export type ScanPurpose = 'receive' | 'ship';

/** Why a code cannot go on the list. */
export type ScanRefusal =
  /** The reward code under a cap: never a custody code. */
  | 'reward_code'
  /** The person may not receive for this org (identify offers no `receive`). */
  | 'may_not_receive'
  /** Receive: the org holds it already and it is not on its way anywhere. */
  | 'already_held'
  /** Ship: the org neither holds it nor has it coming. */
  | 'not_held';

/** What is worth a look about an accepted code (`none`: nothing). */
export type ScanNote =
  | 'none'
  /** Receive: shipped elsewhere by this org and not yet signed for; receiving takes it back. */
  | 'recall'
  /** Receive: allocated to a dealer other than the one that supplies this org (diversion evidence). */
  | 'foreign'
  /** Receive: not shipped to this org; receiving records an anomaly. */
  | 'unannounced'
  /** Ship: on its way to this org; shipping receives it first. */
  | 'receive_first'
  /** Ship: already on its way to the chosen target, not yet signed for. */
  | 'already_to_target'
  /** Ship: on its way to another org, not yet signed for; shipping redirects it. */
  | 'redirect';

export type ScanVerdict =
  | { ok: false; refusal: ScanRefusal; holderName: string | null }
  | {
      ok: true;
      note: ScanNote;
      /** Receive: allocated to another dealer than this org's (whatever the note says). */
      foreign: boolean;
      /** Receive: shipped to this org and waiting for its scan. */
      expected: boolean;
    };

export type IdentifiedCode = Pick<IdentifyRes, 'kind' | 'actions' | 'holderOrgId' | 'holderName' | 'inTransitTo' | 'notFromYourDealer'>;

export interface ScanVerdictInput {
  purpose: ScanPurpose;
  /** The org scanning: the receiver, or the shipper. */
  orgId: string;
  code: IdentifiedCode;
  /** Ship: the org the goods go to, when chosen already. */
  targetOrgId?: string | null;
  /**
   * Ship: a return's goods going back to their seller (`scan.ship` with `returnId`). Only goods
   * the org holds, not in transit, go back; the app's plain shipping is not asked for (a store
   * has none: this is the one way its goods move upstream).
   */
  returning?: boolean;
}

export function scanVerdict(input: ScanVerdictInput): ScanVerdict {
  const { purpose, orgId, code: r } = input;
  if (orgId === '') throw new Error('scanVerdict: orgId is empty');
  const holderName = r.holderName !== null && r.holderName !== '' ? r.holderName : null;
  if (r.kind === 'hidden') return { ok: false, refusal: 'reward_code', holderName };
  const held = r.holderOrgId === orgId;
  const coming = r.inTransitTo === orgId;
  if (purpose === 'receive') {
    if (!r.actions.includes('receive')) return { ok: false, refusal: 'may_not_receive', holderName };
    if (held && r.inTransitTo === null) return { ok: false, refusal: 'already_held', holderName };
    const foreign = r.notFromYourDealer === true;
    const accept = (note: ScanNote) => ({ ok: true as const, note, foreign, expected: coming });
    if (coming) return accept('none');
    if (held) return accept('recall');
    if (foreign) return accept('foreign');
    return accept('unannounced');
  }
  if (input.returning === true) {
    if (!held || r.inTransitTo !== null) return { ok: false, refusal: 'not_held', holderName };
    return { ok: true, note: 'none', foreign: false, expected: false };
  }
  if (!r.actions.includes('ship') || (!held && !coming)) return { ok: false, refusal: 'not_held', holderName };
  const accept = (note: ScanNote) => ({ ok: true as const, note, foreign: false, expected: false });
  if (!held) return accept('receive_first');
  const target = input.targetOrgId ?? null;
  if (r.inTransitTo !== null && target !== null && r.inTransitTo === target) return accept('already_to_target');
  if (r.inTransitTo !== null) return accept('redirect');
  return accept('none');
}
