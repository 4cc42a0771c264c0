/**
 * Field schemas of the domain: ids, codes, region codes, amounts in fen, locations, packaging and
 * reward policies. Request schemas are built from these, so one field means one rule everywhere.
 */
import { MAX_FEN } from '../money.js';
import { ROLES, type ConsumerReward, type RewardPolicy, type Role } from '../model.js';
import { validateRegionCode, validateTerritory } from '../channel/regions/index.js';
import { array, either, fromValidator, int, num, object, oneOf, optional, refine, str, type Schema } from './schema.js';

/** At most this many codes in one scan call (docs/actions.md#bad-input). */
export const MAX_CODES_PER_CALL = 1000;
/** A code as scanned: the bare code (≤ 26 characters) or its URL form `https://<domain>/c/<code>`. */
export const MAX_CODE_FIELD_LENGTH = 200;
export const MAX_ID_LENGTH = 64;
export const MAX_NAME_LENGTH = 64;
export const MAX_ITEMS_PER_BOX = 1000;
export const MAX_BOXES_PER_CASE = 1000;
/** Cases in one print run; with the packaging bounds the item count is further capped by the server. */
export const MAX_CASES_PER_BATCH = 100_000;
export const MAX_CURSOR_LENGTH = 256;
export const MAX_PAGE_SIZE = 100;
export const MAX_NOTE_LENGTH = 200;

/** Server-made identifiers (`dealer_4k…`, `brand`, `wd_…`): letters, digits and `_ - . :`. */
export const id = (): Schema<string> =>
  str({ max: MAX_ID_LENGTH, pattern: /^[A-Za-z0-9_.:-]+$/, patternMessage: 'an identifier (letters, digits, _ - . :)' });

/** A client-made idempotency key: retrying a request that carries it is safe (money, creations, shipments). */
export const requestId = (): Schema<string> =>
  str({ min: 8, max: MAX_ID_LENGTH, pattern: /^[A-Za-z0-9_-]+$/, patternMessage: '8 to 64 letters, digits, _ or -' });

/** A display name (org, brand, product): 1..64 characters, no control characters. */
export const name = (max = MAX_NAME_LENGTH): Schema<string> => str({ max });

/** Invite codes are short random tokens, typed by hand: compared upper-case. */
export const inviteCode = (): Schema<string> =>
  str({ min: 4, max: 32, pattern: /^[A-Za-z0-9-]+$/, patternMessage: 'letters and digits', normalize: (s) => s.toUpperCase() });

/**
 * A scanned code: the bare code or its URL. Only the shape is checked here; authenticity
 * (INVALID_CODE) is the codes module's job, with no database read.
 */
export const code = (): Schema<string> => str({ max: MAX_CODE_FIELD_LENGTH, pattern: /^\S+$/, patternMessage: 'a code or its URL, without spaces' });

export const codes = (max = MAX_CODES_PER_CALL): Schema<string[]> => array(code(), { max });

/** A six-digit GB/T 2260 region code that exists in the region table (docs/channel.md#regions: unknown codes are refused). */
export const regionCode = (): Schema<string> => fromValidator(validateRegionCode);

/** 1..MAX_TERRITORY_ENTRIES known region codes, duplicates dropped. */
export const territory = (): Schema<string[]> => fromValidator(validateTerritory);

/** An amount in fen: a safe integer in [min, MAX_FEN]. */
export const fen = (min = 0): Schema<number> => int({ min, max: MAX_FEN });

export const role = (): Schema<Role> => oneOf(ROLES);

/** WGS-84 / GCJ-02 coordinates as the WeChat location API returns them. */
export const location = () => object({ lat: num({ min: -90, max: 90 }), lng: num({ min: -180, max: 180 }) });

export const packaging = () =>
  object({
    itemsPerBox: int({ min: 1, max: MAX_ITEMS_PER_BOX }),
    boxesPerCase: int({ min: 1, max: MAX_BOXES_PER_CASE }),
  });

const isPlainObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `consumerReward`: a fixed amount of fen, or `{ min, max }` fen with min ≤ max. */
export const consumerReward = (): Schema<ConsumerReward> =>
  either(
    { when: (v) => typeof v === 'number', schema: fen() },
    {
      when: isPlainObject,
      schema: refine(object({ min: fen(), max: fen() }), (r) =>
        r.min <= r.max ? null : { field: 'max', message: 'must be at least min', rule: 'below_min' },
      ),
    },
    'an amount in fen, or { min, max } in fen',
  );

export const policy = (): Schema<RewardPolicy> =>
  object({
    consumerReward: consumerReward(),
    storeReward: fen(),
    dealerRebate: fen(),
    diversionPenalty: fen(),
    dealerRebateTo: optional(oneOf(['wallet', 'rebate_account'] as const)),
  });

/** GTIN-8/12/13/14 with a valid GS1 check digit. */
export const gtin = (): Schema<string> =>
  refine(str({ max: 14, pattern: /^(\d{8}|\d{12,14})$/, patternMessage: 'a GTIN of 8, 12, 13 or 14 digits' }), (g) =>
    gtinCheckDigitOk(g) ? null : { message: 'has a wrong check digit', rule: 'check_digit' },
  );

export function gtinCheckDigitOk(g: string): boolean {
  let sum = 0;
  // From the right, excluding the check digit, weights alternate 3, 1, 3, ...
  for (let i = g.length - 2, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += Number(g[i]) * w;
  return (10 - (sum % 10)) % 10 === Number(g[g.length - 1]);
}

/** A stock-keeping unit: letters, digits and `- _ . /`, as printed on cartons. */
export const sku = (): Schema<string> =>
  str({ max: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9._/-]*$/, patternMessage: 'letters, digits and - _ . /' });

/** A product's category as buyers browse by it (调味品, 酱油): trimmed, 1..20 characters. */
export const MAX_CATEGORY_LENGTH = 20;
export const category = (): Schema<string> => str({ max: MAX_CATEGORY_LENGTH });

export const cursor = (): Schema<string> => str({ max: MAX_CURSOR_LENGTH });
export const pageSize = (): Schema<number> => int({ min: 1, max: MAX_PAGE_SIZE });
export const note = (): Schema<string> => str({ max: MAX_NOTE_LENGTH });
