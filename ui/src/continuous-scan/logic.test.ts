import { describe, expect, it } from 'vitest';
import { createRepeatFilter, REPEAT_WINDOW_MS } from './logic';

// Goal: the h5 camera reports each code once, not many times a second while it looks at it.
describe('continuous scanning', () => {
  it('reports a code once while the camera keeps looking at it, and again after it has been gone a while', () => {
    let t = 0;
    const repeat = createRepeatFilter(REPEAT_WINDOW_MS, () => t);
    expect(repeat.accept('A')).toBe(true);
    t = 100;
    expect(repeat.accept('A')).toBe(false);
    t = 100 + REPEAT_WINDOW_MS - 1; // still in view: the window keeps extending
    expect(repeat.accept('A')).toBe(false);
    t += 1;
    expect(repeat.accept('B')).toBe(true);
    expect(repeat.accept('A')).toBe(true);
    t += REPEAT_WINDOW_MS;
    expect(repeat.accept('A')).toBe(true);
  });
});
