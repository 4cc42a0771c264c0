import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { afterAll, expect, it } from 'vitest';
import { loadCollectionsFile } from '../db/collections-file.js';
import { openSqliteDatabase } from './open-database.js';

process.env.TENCENTCLOUD = 'true';
const dataDir = mkdtempSync(path.join(tmpdir(), 'lc-open-db-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('opens the declared collections of database/collections.json behind a signed /tcb handler', async () => {
  const credentials = { secretId: 'AKIDlocaltest', secretKey: 'local-test-key' };
  const db = await openSqliteDatabase({ dataDir, credentials, log: () => {} });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void db.handler(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    expect(db.isEmpty()).toBe(true);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tcb`;
    const sdk = tcb.init({ env: 'local', serviceUrl: url, ...credentials }).database();
    for (const { name } of loadCollectionsFile()) {
      expect((await sdk.collection(name).count()).total).toBe(0);
    }
    await sdk.collection('events').add({ code: 'X', at: new Date() });
    expect(db.isEmpty()).toBe(false);
    await expect(sdk.collection('not_declared').get()).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
  } finally {
    server.close();
    db.close();
  }
});
