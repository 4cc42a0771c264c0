import { describe, expect, it } from 'vitest';
import { startTestCloud } from '../../local-cloud/src/testing.js';

describe('smoke', () => {
  it('bootstraps', async () => {
    const cloud = await startTestCloud();
    try {
      const admin = await cloud.login('admin', 'o-admin');
      const r = await cloud.call('channel', { action: 'bootstrap', brandName: '测试品牌' }, admin);
      console.log(JSON.stringify(r));
      const me = await cloud.call('channel', { action: 'me' }, admin);
      console.log(JSON.stringify(me));
      console.log(cloud.logs().slice(-20).join('\n'));
      expect(r.ok).toBe(true);
    } finally {
      await cloud.close();
    }
  }, 60_000);
});
