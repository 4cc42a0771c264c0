/** Limits on what a field accepts; the server validates again (this only spares a round trip). */
export const MAX_FIELD_LENGTH = 512;

/** The id that ties a label to its input for screen readers and tests: `cr-field-<name>`. */
export function fieldId(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(name)) throw new Error(`field name must be an identifier: ${name}`);
  return `cr-field-${name}`;
}

/**
 * Amount fields accept what a yuan amount can be while it is typed: digits, one dot (a Chinese
 * full stop counts), at most two decimals, at most 9 whole digits. `'.5'` → `'0.5'`, `'007'` → `'7'`.
 */
export function sanitizeAmountTyping(text: string): string {
  let whole = '';
  let frac: string | null = null;
  for (const ch of text.slice(0, 32)) {
    if (ch >= '0' && ch <= '9') {
      if (frac === null) {
        if (whole.length < 9) whole += ch;
      } else if (frac.length < 2) {
        frac += ch;
      }
    } else if ((ch === '.' || ch === '。') && frac === null) {
      frac = '';
    }
  }
  whole = whole.replace(/^0+(?=\d)/, '');
  if (frac === null) return whole;
  return `${whole === '' ? '0' : whole}.${frac}`;
}
