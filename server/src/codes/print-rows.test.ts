/** The print file: content, order, relations and chunking, checked by re-verifying every code. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  batchCodeTree,
  codeUrl,
  decodeCode,
  hiddenToVisible,
  impliedAncestors,
  layoutCounts,
  makeKeyring,
  MAX_TREE_CASES,
  parentOf,
  PRINT_HEADER,
  PrintRowWriter,
  printFileChunks,
  verifyCode,
  type BatchLayout,
  type CodeFields,
  type PrintRowsOptions,
} from '@channel-router/shared';
import { createAesBlockCipher } from './node-cipher.js';

const kr = makeKeyring(2, { 0: createAesBlockCipher(randomBytes(16)), 2: createAesBlockCipher(randomBytes(16)) });

function fileText(layout: BatchLayout, bufBytes = 1 << 16, options: PrintRowsOptions = {}): string {
  const w = new PrintRowWriter(layout, kr, options);
  const buf = new Uint8Array(bufBytes);
  let text = '';
  for (let n; (n = w.fill(buf)) > 0; ) text += Buffer.from(buf.subarray(0, n)).toString('latin1');
  expect(w.done).toBe(true);
  expect(w.fill(buf)).toBe(0);
  return text;
}

function fields(code: string): CodeFields {
  const r = decodeCode(code, kr);
  if (!r.ok) throw new Error(`not genuine: ${code}`);
  return r.data;
}

describe('print file rows', () => {
  const layout: BatchLayout = { batchNo: 31, cases: 3, itemsPerBox: 4, boxesPerCase: 5 };

  it('lists each case, then each box followed by its items, every code genuine and in its place', () => {
    const lines = fileText(layout).split('\n');
    expect(lines.pop()).toBe(''); // ends with a newline
    expect(`${lines[0]}\n`).toBe(PRINT_HEADER);
    const counts = layoutCounts(layout);
    expect(lines.length - 1).toBe(counts.case + counts.box + counts.item);
    const next = { case: 0, box: 0, item: 0 };
    const seen = new Set<string>();
    let currentCase = '';
    let currentBox = '';
    for (const line of lines.slice(1)) {
      const [level, code, hidden, parent] = line.split(',') as [string, string, string, string];
      expect(seen.has(code)).toBe(false);
      seen.add(code);
      const f = fields(code);
      expect(f).toMatchObject({ keySlot: 2, batchNo: 31, level, kind: 'visible' });
      if (level === 'case') {
        expect(f.index).toBe(next.case++);
        expect(hidden).toBe('');
        expect(parent).toBe('');
        currentCase = code;
      } else if (level === 'box') {
        expect(f.index).toBe(next.box++);
        expect(hidden).toBe('');
        expect(parent).toBe(currentCase);
        expect(fields(parent).index).toBe(parentOf('box', f.index, layout)!.index);
        currentBox = code;
      } else {
        expect(level).toBe('item');
        expect(f.index).toBe(next.item++);
        expect(fields(hidden)).toMatchObject({ level: 'item', kind: 'hidden', index: f.index });
        expect(hiddenToVisible(hidden, kr)).toEqual({ ok: true, data: code });
        expect(parent).toBe(currentBox);
        const [box, kase] = impliedAncestors(f, layout);
        expect(fields(parent).index).toBe(box!.index);
        expect(fields(currentCase).index).toBe(kase!.index);
      }
    }
    expect(next).toEqual({ case: counts.case, box: counts.box, item: counts.item });
  });

  it('writes the same bytes whatever the buffer size or cipher batch size', () => {
    const ref = fileText(layout, 1 << 20);
    const w = new PrintRowWriter(layout, kr);
    for (const size of [w.maxRowBytes, w.maxRowBytes + 1, 200, 1000, 4096]) {
      expect(fileText(layout, size)).toBe(ref);
    }
    expect(fileText(layout, 1 << 16, { codesPerCipherCall: 1 })).toBe(ref);
    expect(fileText(layout, 1 << 16, { codesPerCipherCall: 7 })).toBe(ref);
  });

  it('is deterministic: the same batch and key give the same file', () => {
    expect(fileText(layout)).toBe(fileText(layout));
    expect(fileText({ ...layout, batchNo: 32 })).not.toBe(fileText(layout));
  });

  it('refuses a buffer smaller than one row', () => {
    const w = new PrintRowWriter(layout, kr);
    expect(() => w.fill(new Uint8Array(w.maxRowBytes - 1))).toThrow(RangeError);
  });

  it('writes QR URLs in the code columns when a domain is given, keeping parent bare', () => {
    const text = fileText({ ...layout, cases: 1 }, 1 << 16, { urlDomain: 'brand.example' });
    const rows = text.trim().split('\n').slice(1).map((l) => l.split(','));
    for (const [level, code, hidden, parent] of rows) {
      expect(code).toMatch(/^https:\/\/brand\.example\/c\/[0-9A-Z]{26}$/);
      expect(verifyCode(code!, kr).ok).toBe(true);
      if (level === 'item') {
        expect(verifyCode(hidden!, kr).ok).toBe(true);
        expect(parent).toMatch(/^[0-9A-Z]{26}$/);
        expect(codeUrl(parent!, 'brand.example')).toMatch(/^https:/);
      }
    }
    expect(() => new PrintRowWriter(layout, kr, { urlDomain: 'not a host' })).toThrow();
  });

  it('prints loose pallet codes first when the batch has pallets', () => {
    const lines = fileText({ ...layout, cases: 1, pallets: 3 }).trim().split('\n').slice(1);
    for (let i = 0; i < 3; i++) {
      const [level, code, hidden, parent] = lines[i]!.split(',');
      expect(level).toBe('pallet');
      expect(fields(code!)).toMatchObject({ level: 'pallet', index: i });
      expect(hidden).toBe('');
      expect(parent).toBe('');
    }
    expect(lines[3]!.startsWith('case,')).toBe(true);
  });

  it('counts rows and codes', () => {
    const w = new PrintRowWriter(layout, kr);
    const buf = new Uint8Array(1 << 16);
    while (w.fill(buf) > 0);
    const c = layoutCounts(layout);
    expect(w.rowsWritten).toBe(w.totalRows);
    expect(w.rowsWritten).toBe(c.case + c.box + c.item);
    expect(w.codesWritten).toBe(c.case + c.box + 2 * c.item);
  });

  it('yields independent chunks from printFileChunks', () => {
    const chunks = [...printFileChunks(layout, kr, { chunkBytes: 1000 })];
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(1000);
    // Chunks must not share memory: a consumer may hold them all.
    expect(new Set(chunks.map((c) => c.buffer)).size).toBe(chunks.length);
    expect(chunks.map((c) => Buffer.from(c).toString('latin1')).join('')).toBe(fileText(layout));
    expect(() => [...printFileChunks(layout, kr, { chunkBytes: 10 })]).toThrow(RangeError);
  });
});

describe('batchCodeTree (exportBatch JSON)', () => {
  it('holds the same codes as the print file, nested', () => {
    const layout: BatchLayout = { batchNo: 4, cases: 2, itemsPerBox: 3, boxesPerCase: 2 };
    const tree = batchCodeTree(layout, kr);
    const rows: string[] = [];
    for (const c of tree.cases) {
      rows.push(`case,${c.code},,`);
      for (const b of c.boxes) {
        rows.push(`box,${b.code},,${c.code}`);
        for (const i of b.items) rows.push(`item,${i.code},${i.hiddenCode},${b.code}`);
      }
    }
    expect(PRINT_HEADER + rows.join('\n') + '\n').toBe(fileText(layout));
  });

  it('refuses batches above the in-memory limit', () => {
    expect(() => batchCodeTree({ batchNo: 1, cases: MAX_TREE_CASES + 1, itemsPerBox: 1, boxesPerCase: 1 }, kr)).toThrow(RangeError);
  });
});
