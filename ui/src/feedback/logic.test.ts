import { describe, expect, it } from 'vitest';
import { modalOptions, toastOptions } from './logic';

describe('toast and modal options', () => {
  it('uses an icon only when WeChat can show the whole text beside it', () => {
    expect(toastOptions('领取成功', 'success')).toMatchObject({ title: '领取成功', icon: 'success' });
    expect(toastOptions('网络不稳定，请重试', 'fail')).toMatchObject({ icon: 'none' });
    expect(toastOptions('提示', 'info').icon).toBe('none');
    const long = toastOptions('很'.repeat(100));
    expect(long.title.length).toBe(40);
    expect(long.duration).toBe(1500 + 60 * 40);
    expect(toastOptions("短").duration).toBe(1560);
  });

  it('clips button text to four characters and reddens dangerous confirmations', () => {
    const o = modalOptions({ title: 't', content: 'c', confirmText: '确认提现到微信', danger: true });
    expect(o.confirmText).toBe('确认提现');
    expect(o.cancelText).toBe('取消');
    expect(o.confirmColor).toBe('#d92d20');
  });
});
