/**
 * Options for every mingo call. Scripts are off: `$where`, `$function` and `$accumulator` would
 * run JavaScript taken from a request.
 */
import type { Options } from 'mingo/types';

export const MINGO_OPTIONS: Partial<Options> = Object.freeze({
  scriptEnabled: false,
  useStrictMode: true,
  idKey: '_id',
});
