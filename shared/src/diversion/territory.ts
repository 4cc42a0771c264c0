/**
 * Region helpers of the diversion rules. "Region r lies inside territory T" is the region module's
 * `isWithinTerritory` (docs/channel.md#regions), re-exported here under the name the rules use.
 */
export { isWithinTerritory as withinTerritory } from '../channel/regions/index.js';

/** The province (first two digits) of a region code, for "far apart" judgements. */
export function provinceOf(regionCode: string): string {
  return regionCode.slice(0, 2);
}
