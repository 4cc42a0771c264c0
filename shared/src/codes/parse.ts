/**
 * Reading codes from clients. Every API accepts either the bare code or the printed QR URL
 * `https://<brand domain>/c/<code>` (docs/codes.md#qr-url). The host is not checked: the code itself is
 * authenticated, so a URL from any host carries no more weight than the code alone.
 */
import { err, ok, type Result } from '../result.js';
import { normalizeCodeChars } from './crockford.js';

/** Longest input looked at; anything longer is not a code (bounds work on hostile input). */
export const MAX_CODE_INPUT_LENGTH = 512;

// Scheme and path are matched case-insensitively: printers may upper-case the whole URL to use the
// denser QR alphanumeric mode (`HTTPS://BRAND.EXAMPLE/C/…`).
const URL_FORM = /^https:\/\/([^/?#\s@]+)\/c\/([^/?#]+)\/?(?:[?#].*)?$/is;

/**
 * Bare code or printed URL → canonical code (26 upper-case Crockford characters).
 * Case-insensitive; hyphens and whitespace are ignored; I/L read as 1 and O as 0.
 * INVALID_CODE when the input cannot be a code (authenticity is checked by `decodeCode`).
 */
export function parseCodeInput(raw: string): Result<string> {
  if (typeof raw !== 'string') return err('INVALID_CODE', 'code must be a string');
  const input = raw.trim();
  if (input.length === 0) return err('INVALID_CODE', 'empty code');
  if (input.length > MAX_CODE_INPUT_LENGTH) return err('INVALID_CODE', 'code too long');
  let body = input;
  if (/^[a-z][a-z0-9+.-]*:/i.test(input)) {
    const m = URL_FORM.exec(input);
    if (m === null) return err('INVALID_CODE', 'not a code URL (expected https://<domain>/c/<code>)');
    body = m[2] as string;
    // A space typed into a URL arrives percent-encoded.
    body = body.replace(/%20/g, ' ');
  }
  const canonical = normalizeCodeChars(body);
  if (canonical === null) return err('INVALID_CODE', 'malformed code');
  return ok(canonical);
}

const DOMAIN = /^(?=.{1,253}(?::\d{1,5})?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/;

/** True for a host name (optionally with a port) usable as the brand's code domain. */
export function isValidCodeDomain(domain: string): boolean {
  return typeof domain === 'string' && DOMAIN.test(domain);
}

/** The URL printed in the QR code: `https://<domain>/c/<code>`. Throws on a bad domain (config bug). */
export function codeUrl(code: string, domain: string): string {
  if (!isValidCodeDomain(domain)) throw new Error(`invalid code domain: ${domain}`);
  return `https://${domain}/c/${code}`;
}
