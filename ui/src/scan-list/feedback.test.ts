import { describe, expect, it } from 'vitest';
import { echoToast, pauseAfter, within } from './feedback';

// Goal: a person pointing the camera sees each verdict in time and long enough to read it.
describe('scan feedback while the camera is in use', () => {
  it('waits for the verdict, but never longer than the limit, and never fails', async () => {
    expect(await within(Promise.resolve('verdict'), 50, 'checking')).toBe('verdict');
    expect(await within(new Promise<string>(() => {}), 10, 'checking')).toBe('checking');
    expect(await within(Promise.reject(new Error('x')), 50, 'checking')).toBe('checking');
  });

  it('fits the toast, and keeps problems on screen longer', () => {
    expect(echoToast({ tone: 'success', text: '已添加' })).toEqual({ title: '已添加', icon: 'success', duration: 1200 });
    const long = echoToast({ tone: 'danger', text: '不在本单位库存中（现在在 北京京味商贸有限公司朝阳区第一分公司仓库）' });
    expect(long).toMatchObject({ icon: 'none', duration: 2500 });
    expect(long.title.length).toBeLessThanOrEqual(40);
    expect(pauseAfter({ tone: 'danger', text: '' })).toBeGreaterThan(pauseAfter({ tone: 'success', text: '' }));
  });
});
