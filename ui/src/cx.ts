/** Joins class names, skipping empty ones: `cx('a', false, 'b')` → `'a b'`. */
export function cx(...names: Array<string | false | null | undefined>): string {
  let out = '';
  for (const n of names) {
    if (typeof n === 'string' && n !== '') out = out === '' ? n : `${out} ${n}`;
  }
  return out;
}

/** BEM modifiers: `modifiers('cr-button', { primary: true, block: false })` → `'cr-button--primary'`. */
export function modifiers(block: string, flags: Record<string, boolean | undefined>): string {
  return cx(...Object.entries(flags).map(([k, on]) => (on === true ? `${block}--${k}` : false)));
}
