import { describe, expect, it } from 'vitest';
import { createRepeatFilter, feedbackClass, MAX_SCANS_PER_SESSION, REPEAT_WINDOW_MS, runScanLoop, type ScanFeedback } from './logic';

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

  it('reopens the scanner after each code until the person closes it, announcing each answer', async () => {
    const texts = ['A', 'B', null];
    const seen: string[] = [];
    const announced: ScanFeedback[] = [];
    const count = await runScanLoop({
      scanOnce: async () => texts.shift() ?? null,
      onCode: (t) => {
        seen.push(t);
        return { tone: 'success', text: `已添加 ${t}`, accepted: true };
      },
      announce: async (f) => void announced.push(f),
    });
    expect(count).toBe(2);
    expect(seen).toEqual(['A', 'B']);
    expect(announced.map((f) => f.text)).toEqual(['已添加 A', '已添加 B']);
  });

  it('stops when asked, and never runs past the session limit', async () => {
    let stop = false;
    const n = await runScanLoop({
      scanOnce: async () => 'X',
      onCode: () => ({ tone: 'info', text: '', accepted: true }),
      announce: async () => {
        stop = true;
      },
      shouldStop: () => stop,
    });
    expect(n).toBe(1);
    const capped = await runScanLoop({ scanOnce: async () => 'X', onCode: () => ({ tone: 'info', text: '', accepted: true }), announce: async () => {}, maxScans: MAX_SCANS_PER_SESSION + 5 });
    expect(capped).toBe(MAX_SCANS_PER_SESSION);
  });

  it('names the feedback line by its tone', () => {
    expect(feedbackClass({ tone: 'danger' })).toBe('cr-cscan__feedback cr-cscan__feedback--danger');
  });
});
