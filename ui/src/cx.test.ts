import { describe, expect, it } from 'vitest';
import { cx, modifiers } from './cx';
import { buttonClass, isInteractive } from './button/logic';

describe('class names', () => {
  it('joins only non-empty names and turns flags into BEM modifiers', () => {
    expect(cx('a', false, null, undefined, '', 'b')).toBe('a b');
    expect(modifiers('cr-x', { on: true, off: false, unset: undefined })).toBe('cr-x--on');
  });

  it('marks a loading button disabled so a second tap cannot submit twice', () => {
    expect(buttonClass({ variant: 'primary', loading: true, block: true })).toBe('cr-button cr-button--primary cr-button--block cr-button--disabled');
    expect(buttonClass({}, 'extra')).toBe('cr-button cr-button--default extra');
    expect(isInteractive({ loading: true })).toBe(false);
    expect(isInteractive({ disabled: true })).toBe(false);
    expect(isInteractive({})).toBe(true);
  });
});
