import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentStore } from './store.js';

const WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'acknowledged-writer.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'lc-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer until it has acknowledged `minAcks` inserts, kills it with SIGKILL, returns the last ack. */
function writeThenKill(file: string, durability: string, minAcks: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, durability], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lastAck = 0;
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      buffered += c.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) lastAck = Number(line.slice(4));
      if (lastAck >= minAcks && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(lastAck) : reject(new Error(`writer exited without being killed: ${stderr}`))));
  });
}

describe('durability', () => {
  for (const durability of ['normal', 'full']) {
    it(`loses no acknowledged insert when the process is killed (synchronous=${durability.toUpperCase()})`, async () => {
      const file = path.join(dir, `${durability}.sqlite`);
      const lastAck = await writeThenKill(file, durability, 300);
      expect(lastAck).toBeGreaterThanOrEqual(300);
      const store = DocumentStore.open({ file });
      try {
        // Every acknowledged document is there; at most the in-flight ones beyond it may be too.
        expect(store.count('acks', { n: { $lte: lastAck } })).toBe(lastAck);
        expect(store.findById('acks', `doc${lastAck}`)).toMatchObject({ n: lastAck });
      } finally {
        store.close();
      }
    });
  }
});
