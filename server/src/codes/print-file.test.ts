import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { makeKeyring, PRINT_HEADER, printFileChunks, verifyCode, type BatchLayout } from '@channel-router/shared';
import { writeCodeKeysFile, generateCodeKeys, keyringFromDocument } from './code-keys.js';
import { createAesBlockCipher } from './node-cipher.js';
import { runPrintCommand, writePrintFile } from './print-file.js';

const dir = mkdtempSync(join(tmpdir(), 'print-file-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const kr = makeKeyring(0, { 0: createAesBlockCipher(randomBytes(16)) });
const layout: BatchLayout = { batchNo: 5, cases: 4, itemsPerBox: 6, boxesPerCase: 3 };

describe('writePrintFile', () => {
  it('writes exactly the generated rows to a file', async () => {
    const path = join(dir, 'a.csv');
    const r = await writePrintFile(layout, kr, path, { chunkBytes: 512 });
    const text = readFileSync(path, 'latin1');
    expect(text).toBe([...printFileChunks(layout, kr)].map((c) => Buffer.from(c).toString('latin1')).join(''));
    expect(r.bytes).toBe(text.length);
    expect(r.rows).toBe(4 + 12 + 72);
  });

  it('respects backpressure: a slow sink never has more than a few chunks pending', async () => {
    const chunkBytes = 1024;
    let received = 0;
    let maxPendingBytes = 0;
    let generatedBytes = 0;
    const sink = new Writable({
      highWaterMark: chunkBytes,
      write(chunk: Buffer, _enc, done) {
        received += chunk.length;
        setTimeout(done, 1);
      },
    });
    const big: BatchLayout = { batchNo: 6, cases: 20, itemsPerBox: 10, boxesPerCase: 5 };
    const probe = setInterval(() => {
      generatedBytes = sink.writableLength + received;
      maxPendingBytes = Math.max(maxPendingBytes, sink.writableLength);
    }, 0);
    const r = await writePrintFile(big, kr, sink, { chunkBytes });
    clearInterval(probe);
    expect(received).toBe(r.bytes);
    expect(generatedBytes).toBeGreaterThan(0);
    expect(r.bytes).toBeGreaterThan(50 * chunkBytes);
    expect(maxPendingBytes).toBeLessThanOrEqual(4 * chunkBytes);
  });
});

describe('print command', () => {
  it('prints from layout flags with keys read from the data directory', async () => {
    const doc = generateCodeKeys();
    writeCodeKeysFile(dir, doc);
    const out = join(dir, 'cmd.csv');
    const logs: string[] = [];
    const code = await runPrintCommand(
      ['--batchNo', '9', '--cases', '2', '--itemsPerBox=3', '--boxesPerCase', '2', '--out', out, '--dataDir', dir],
      { log: (l) => logs.push(l) },
    );
    expect(code).toBe(0);
    const lines = readFileSync(out, 'latin1').trim().split('\n');
    expect(`${lines[0]}\n`).toBe(PRINT_HEADER);
    expect(lines).toHaveLength(1 + 2 + 4 + 12);
    const keys = keyringFromDocument(doc);
    for (const line of lines.slice(1)) {
      const r = verifyCode(line.split(',')[1]!, keys);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.data.batchNo).toBe(9);
    }
    expect(logs.join('\n')).toContain(`${lines.length - 1} rows`);
  });

  it('uses the batch loader for --batch', async () => {
    const out = join(dir, 'loaded.csv');
    const code = await runPrintCommand(['--batch', 'b1', '--out', out], {
      keyring: kr,
      loadBatchLayout: async (id) => (id === 'b1' ? layout : null),
      log: () => {},
    });
    expect(code).toBe(0);
    expect(readFileSync(out, 'latin1').trim().split('\n')).toHaveLength(1 + 4 + 12 + 72);
    expect(await runPrintCommand(['--batch', 'nope', '--out', out], { keyring: kr, loadBatchLayout: async () => null, log: () => {} })).toBe(1);
  });

  it('explains bad usage and exits non-zero', async () => {
    const logs: string[] = [];
    const log = (l: string) => logs.push(l);
    expect(await runPrintCommand([], { keyring: kr, log })).toBe(2);
    expect(await runPrintCommand(['--out', 'x.csv', '--batchNo', '1', '--cases', '0', '--itemsPerBox', '1', '--boxesPerCase', '1'], { keyring: kr, log })).toBe(2);
    expect(logs.join('\n')).toContain('cases');
    expect(await runPrintCommand(['--out', 'x.csv', '--batch', 'b1'], { keyring: kr, log })).toBe(2);
    expect(await runPrintCommand(['stray'], { keyring: kr, log })).toBe(2);
    expect(await runPrintCommand(['--out'], { keyring: kr, log })).toBe(2);
  });
});
