/** The code keyring of this function instance, loaded once (keys change only by redeploying). */
import type { CodeKeyring } from '@channel-router/shared';
import { loadCodeKeyring } from './code-keys.js';

let cached: CodeKeyring | null = null;

export function keyring(): CodeKeyring {
  if (cached === null) cached = loadCodeKeyring();
  return cached;
}
