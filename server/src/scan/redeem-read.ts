/**
 * What a redeem reads before it decides, in one database request: the unit documents of the
 * item's custody chain, the redeemer's memberships and the item's redemption if it has one.
 *
 * Why one request: on CloudBase every request is a round trip from the function to the database
 * and a billed read. The two reads are independent, so they ride as two `$lookup` sub-pipelines
 * on the brand's org document (always present once the brand exists), each narrowed by its own
 * leading `$match` (the unit ids; the person's unionId, indexed). Nothing is cached: a membership
 * granted a moment ago is seen by the next redeem (prize interception depends on it).
 */
import { ok, type Person, type Result, type VerifiedCode } from '@channel-router/shared';
import { BRAND_ORG_ID, type MembershipDoc } from '../channel/model.js';
import { loadPerson } from '../channel/person.js';
import { C } from '../db/collections.js';
import { loadUnits, type LoadedUnit, type UnitDoc } from '../custody/units.js';
import type { Database } from '../runtime/cloud.js';
import type { RedemptionDoc } from './redeem-record.js';

/** A person holds few memberships; a cap keeps the read bounded (as channel/access.ts). */
const MEMBERSHIPS_PER_PERSON_MAX = 100;

interface Joined {
  units: UnitDoc[];
  memberships: MembershipDoc[];
  redemptions: RedemptionDoc[];
}

export interface RedeemInputs {
  unit: LoadedUnit;
  person: Person;
  /** The item's redemption when it was already redeemed: no need to touch the budget. */
  redeemed: RedemptionDoc | null;
}

export async function loadRedeemInputs(db: Database, code: VerifiedCode, unionId: string): Promise<Result<RedeemInputs>> {
  let memberships: MembershipDoc[] | null = null;
  let redeemed: RedemptionDoc | null = null;
  // The item's own unit id is the first id asked for (custody/units.ts); its redemption has that _id.
  const readChains = async (ids: readonly string[]): Promise<UnitDoc[]> => {
    const _ = db.command;
    const $ = _.aggregate;
    const res = (await db
      .collection(C.orgs)
      .aggregate()
      .match({ _id: BRAND_ORG_ID })
      .lookup({ from: C.units, pipeline: $.pipeline().match({ _id: _.in([...ids]) }).limit(ids.length).done(), as: 'units' })
      .lookup({ from: C.memberships, pipeline: $.pipeline().match({ unionId }).limit(MEMBERSHIPS_PER_PERSON_MAX).done(), as: 'memberships' })
      .lookup({ from: C.redemptions, pipeline: $.pipeline().match({ _id: ids[0] }).limit(1).done(), as: 'redemptions' })
      .end()) as { data?: Joined[] };
    const row = res.data?.[0];
    if (row === undefined) return []; // no brand yet: the code's batch cannot exist either
    memberships = row.memberships;
    redeemed = row.redemptions[0] ?? null;
    return row.units;
  };
  const loaded = await loadUnits(db, [code], () => 'code', readChains);
  if (!loaded.ok) return loaded;
  const ms = memberships as MembershipDoc[] | null;
  const person: Person =
    ms === null ? await loadPerson(db, unionId) : { unionId, memberships: ms.map((m) => ({ orgId: m.orgId, kind: m.orgKind, role: m.role })) };
  return ok({ unit: loaded.data[0]!, person, redeemed });
}
