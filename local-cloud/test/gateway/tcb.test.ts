/**
 * Goal: the database protocol on the gateway's port (/tcb) serves only requests signed with the
 * local credentials: unsigned or wrongly signed requests change nothing, and a browser page cannot
 * reach it at all.
 */
import tcb from '@cloudbase/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLocalSecrets } from '../../src/secrets.js';
import { startTestCloud, type TestCloud } from '../../src/testing.js';
import { FIXTURE_CLOUD, postJson, raw } from './helpers.js';

let cloud: TestCloud;

beforeAll(async () => {
  // As in a function: no metadata-host lookups before each request.
  process.env.TENCENTCLOUD = 'true';
  cloud = await startTestCloud(FIXTURE_CLOUD);
});

afterAll(async () => {
  await cloud?.close();
});

function sdkDb(credentials: { secretId: string; secretKey: string }) {
  return tcb.init({ env: 'local-dev', serviceUrl: `${cloud.url}/tcb`, ...credentials }).database();
}

async function count(): Promise<number> {
  const reply = await cloud.call<{ total: number }>('echo', { action: 'count' });
  if (!reply.ok) throw new Error(JSON.stringify(reply));
  return reply.data.total;
}

describe('/tcb', () => {
  it('refuses an unsigned request', async () => {
    const before = await count();
    const res = await postJson(cloud.url, '/tcb?env=local-dev', {
      action: 'database.insertDocument',
      collectionName: 'echo_docs',
      data: ['{"_id":"unsigned","v":1}'],
    });
    expect(res.json()).toMatchObject({ code: 'SIGN_PARAM_INVALID' });
    expect(await count()).toBe(before);
  });

  it('refuses a request signed with other credentials, accepts the local ones', async () => {
    const before = await count();
    const forged = sdkDb({ secretId: 'AKIDsomeoneelse', secretKey: 'not-the-key' });
    await expect(forged.collection('echo_docs').add({ v: 1 })).rejects.toMatchObject({ code: 'SIGN_PARAM_INVALID' });
    expect(await count()).toBe(before);

    const local = sdkDb(loadLocalSecrets(cloud.dataDir).credentials);
    const added = await local.collection('echo_docs').add({ v: 2 });
    expect(typeof (added as { id?: unknown }).id).toBe('string');
    expect(await count()).toBe(before + 1);
  });

  it('is closed to browsers and to other methods', async () => {
    const fromPage = await postJson(cloud.url, '/tcb', { action: 'database.getDocument' }, { Origin: 'http://localhost:10086' });
    expect(fromPage.status).toBe(403);
    expect(fromPage.headers['access-control-allow-origin']).toBeUndefined();
    expect((await raw(cloud.url, { path: '/tcb' })).status).toBe(405);
  });
});
