import { createRequire } from 'node:module';
import tcb from '@cloudbase/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcbServer, type TcbServer } from './standalone.js';

process.env.TENCENTCLOUD = 'true';

/** The SDK's own signed-request function, to send actions the public API has no method for. */
const { request: sdkRequest } = createRequire(import.meta.url)('@cloudbase/node-sdk/dist/utils/tcbapirequester.js') as {
  request(args: { config: Record<string, unknown>; params: Record<string, unknown>; method: string; headers: Record<string, string> }): Promise<unknown>;
};

let server: TcbServer;
beforeAll(async () => {
  server = await startTcbServer({ dataDir: ':memory:', autoCreateCollections: true, tcbLimits: { maxBodyBytes: 2000 } });
  server.store.insert('c', [{ _id: 'a', v: 1 }]);
});
afterAll(() => server.close());

async function post(body: string): Promise<Record<string, unknown>> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe('/tcb handler', () => {
  it('answers an unsigned request with a cloud-shaped SIGN_PARAM_INVALID and touches nothing', async () => {
    const reply = await post(JSON.stringify({ action: 'database.removeDocument', collectionName: 'c', queryType: 'WHERE', query: '{}', multi: true }));
    expect(reply).toMatchObject({ code: 'SIGN_PARAM_INVALID', requestId: expect.any(String) });
    expect(server.store.count('c')).toBe(1);
  });

  it('answers a body that is not a JSON object, and an oversize body, before checking the signature', async () => {
    expect(await post('not json')).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await post('[1]')).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await post(JSON.stringify({ pad: 'x'.repeat(1995) }))).toMatchObject({ code: 'EXCEED_REQUEST_SIZE_LIMIT' });
  });

  it('answers a signed but unknown action with INVALID_ACTION, which the SDK throws with that code', async () => {
    const call = sdkRequest({
      config: { serviceUrl: server.url, envName: 'local', ...server.credentials },
      params: { action: 'database.dropEverything', collectionName: 'c' },
      method: 'post',
      headers: { 'content-type': 'application/json' },
    });
    await expect(call).rejects.toMatchObject({ code: 'INVALID_ACTION' });
  });

  it('refuses a where() query inside a transaction, as CloudBase allows only single-document operations there', async () => {
    const db = tcb.init({ env: 'local', serviceUrl: server.url, ...server.credentials }).database();
    const tx = await db.startTransaction();
    await expect(tx.collection('c').where({ v: 1 }).get()).rejects.toMatchObject({ code: 'DATABASE_INVALID_OPERRATOR' });
    await tx.rollback();
  });

  it('answers SYS_ERR once the store is closed', async () => {
    const other = await startTcbServer({ dataDir: ':memory:', autoCreateCollections: true });
    other.store.close();
    const db = tcb.init({ env: 'local', serviceUrl: other.url, ...other.credentials }).database();
    await expect(db.collection('c').get()).rejects.toMatchObject({ code: 'SYS_ERR' });
    await other.close();
  });
});
