/**
 * The print file of a batch, generated into caller-provided byte buffers.
 *
 * CSV, header `level,code,hidden_code,parent`, in packing order: pallet rows (if the batch has
 * loose pallets), then for each case its row, then for each of its boxes the box row followed by
 * that box's item rows. `hidden_code` is set for items only; `parent` is the bare visible code of the
 * as-produced parent (empty for cases and pallets).
 *
 * Speed (target ≥ 1,000,000 codes/s on one core): codes are encrypted thousands of blocks per
 * cipher call and base32-written byte by byte into the output; no string is made per code. Memory
 * is constant: a few fixed buffers, whatever the batch size; the caller streams the chunks out.
 */
import type { BlockCipher, CodeKeyring } from './cipher.js';
import type { UnitLevel } from '../model.js';
import { levelBits, writePlainPayload } from './codec.js';
import { CODE_BLOCK_BYTES, CODE_LENGTH, encodeBlock, encodeBlockInto } from './crockford.js';
import { layoutCounts, type BatchLayout } from './layout.js';
import { isValidCodeDomain } from './parse.js';

export const PRINT_HEADER = 'level,code,hidden_code,parent\n';

export interface PrintRowsOptions {
  /**
   * When set, the `code` and `hidden_code` columns hold the QR content `https://<domain>/c/<code>`
   * instead of the bare code. `parent` always stays bare.
   */
  urlDomain?: string;
  /** Codes per cipher call (default 4096): larger amortises the native call, smaller saves memory. */
  codesPerCipherCall?: number;
}

function ascii(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) throw new Error('print rows: non-ASCII text');
    out[i] = c;
  }
  return out;
}

/**
 * Successive codes of one level, in index order, encrypted `perCall` at a time. With `withHidden`
 * each index has two blocks (visible, then hidden), encrypted in the same call.
 */
class CodeStream {
  private readonly plain: Uint8Array;
  private cipherText: Uint8Array = new Uint8Array(0);
  /** Byte offset of the next unread block in `cipherText`. */
  private off = 0;
  private nextIndex = 0;
  private readonly blocksPerIndex: number;

  constructor(
    private readonly cipher: BlockCipher,
    private readonly batchNo: number,
    private readonly level: number,
    private readonly withHidden: boolean,
    private readonly total: number,
    private readonly perCall: number,
  ) {
    this.blocksPerIndex = withHidden ? 2 : 1;
    // Zero-filled once: bytes 8..15 of every block are the zero redundancy and are never written.
    this.plain = new Uint8Array(perCall * this.blocksPerIndex * CODE_BLOCK_BYTES);
  }

  /** Byte offset in `this.block()` of the next index's first block; advances the stream. */
  next(): number {
    if (this.off >= this.cipherText.length) this.refill();
    const at = this.off;
    this.off += this.blocksPerIndex * CODE_BLOCK_BYTES;
    return at;
  }

  /** The buffer that the offset returned by `next()` refers to (valid until the next `next()`). */
  block(): Uint8Array {
    return this.cipherText;
  }

  private refill(): void {
    const count = Math.min(this.perCall, this.total - this.nextIndex);
    if (count <= 0) throw new Error('print rows: code stream exhausted');
    const stride = this.blocksPerIndex * CODE_BLOCK_BYTES;
    let o = 0;
    for (let k = 0; k < count; k++, o += stride) {
      const index = this.nextIndex + k;
      writePlainPayload(this.plain, o, this.batchNo, this.level, false, index);
      if (this.withHidden) writePlainPayload(this.plain, o + CODE_BLOCK_BYTES, this.batchNo, this.level, true, index);
    }
    const input = count === this.perCall ? this.plain : this.plain.subarray(0, count * stride);
    this.cipherText = this.cipher.encryptBlocks(input);
    if (this.cipherText.length !== input.length) throw new Error('cipher returned a wrong-sized output');
    this.off = 0;
    this.nextIndex += count;
  }
}

/** Where the writer is in the file (a plain object rather than an enum: erasable TypeScript). */
const Phase = { Header: 0, Pallet: 1, Case: 2, Box: 3, Item: 4, Done: 5 } as const;
type Phase = (typeof Phase)[keyof typeof Phase];

/**
 * Writes a batch's print file into successive buffers. Use:
 *
 *   const w = new PrintRowWriter(layout, keyring);
 *   for (let n; (n = w.fill(buf)) > 0; ) sink(buf.subarray(0, n));
 *
 * `fill` writes whole rows only. Buffers must be at least `maxRowBytes` long; 64 KiB or more keeps
 * the per-call overhead negligible.
 */
export class PrintRowWriter {
  readonly maxRowBytes: number;
  private phase: Phase = Phase.Header;
  private palletIdx = 0;
  private caseIdx = 0;
  private boxIdx = 0;
  private itemIdx = 0;
  private caseEndBox = 0;
  private boxEndItem = 0;
  private rows = 0;
  private codes = 0;
  private readonly slot: number;
  private readonly counts: ReturnType<typeof layoutCounts>;
  private readonly prefix: Uint8Array;
  private readonly caseCode = new Uint8Array(CODE_LENGTH);
  private readonly boxCode = new Uint8Array(CODE_LENGTH);
  private readonly header = ascii(PRINT_HEADER);
  private readonly lit: Record<UnitLevel, Uint8Array> = {
    item: ascii('item,'),
    box: ascii('box,'),
    case: ascii('case,'),
    pallet: ascii('pallet,'),
  };
  private readonly items: CodeStream;
  private readonly boxes: CodeStream;
  private readonly cases: CodeStream;
  private readonly pallets: CodeStream | null;

  constructor(
    private readonly layout: BatchLayout,
    keyring: CodeKeyring,
    options: PrintRowsOptions = {},
  ) {
    const cipher = keyring.slots[keyring.activeSlot];
    if (cipher === undefined) throw new Error('print rows: active key slot has no key');
    if (options.urlDomain !== undefined && !isValidCodeDomain(options.urlDomain)) {
      throw new Error(`print rows: invalid urlDomain ${options.urlDomain}`);
    }
    const perCall = options.codesPerCipherCall ?? 4096;
    if (!Number.isInteger(perCall) || perCall < 1 || perCall > 65_536) throw new RangeError('codesPerCipherCall must be 1..65536');
    this.slot = keyring.activeSlot;
    this.counts = layoutCounts(layout);
    this.prefix = ascii(options.urlDomain === undefined ? '' : `https://${options.urlDomain}/c/`);
    const b = layout.batchNo;
    const c = this.counts;
    this.items = new CodeStream(cipher, b, levelBits('item'), true, c.item, perCall);
    this.boxes = new CodeStream(cipher, b, levelBits('box'), false, c.box, perCall);
    this.cases = new CodeStream(cipher, b, levelBits('case'), false, c.case, perCall);
    this.pallets = c.pallet > 0 ? new CodeStream(cipher, b, levelBits('pallet'), false, c.pallet, perCall) : null;
    const p = this.prefix.length;
    // Widest row: "pallet," + code + "," + hidden + "," + parent + "\n".
    this.maxRowBytes = Math.max(this.header.length, 7 + (p + CODE_LENGTH) * 2 + CODE_LENGTH + 3);
  }

  get done(): boolean {
    return this.phase === Phase.Done;
  }

  /** Rows written so far, header excluded. */
  get rowsWritten(): number {
    return this.rows;
  }

  /** Codes written so far (an item row holds two). */
  get codesWritten(): number {
    return this.codes;
  }

  /** Total data rows of the file (header excluded). */
  get totalRows(): number {
    const c = this.counts;
    return c.pallet + c.case + c.box + c.item;
  }

  /** Writes whole rows into `out` from offset 0; returns the byte count, 0 once the file is complete. */
  fill(out: Uint8Array): number {
    if (out.length < this.maxRowBytes) throw new RangeError(`print rows: buffer smaller than one row (${this.maxRowBytes} bytes)`);
    const limit = out.length - this.maxRowBytes;
    let p = 0;
    while (p <= limit) {
      switch (this.phase) {
        case Phase.Header:
          out.set(this.header, p);
          p += this.header.length;
          this.phase = this.counts.pallet > 0 ? Phase.Pallet : Phase.Case;
          break;
        case Phase.Pallet: {
          p = this.writeLoose(out, p, (this.pallets as CodeStream));
          if (++this.palletIdx === this.counts.pallet) this.phase = Phase.Case;
          break;
        }
        case Phase.Case: {
          if (this.caseIdx === this.counts.case) {
            this.phase = Phase.Done;
            return p;
          }
          const start = p + this.lit.case.length + this.prefix.length;
          p = this.writeLoose(out, p, this.cases);
          copy26(out, start, this.caseCode, 0);
          this.caseIdx++;
          this.caseEndBox = this.caseIdx * this.layout.boxesPerCase;
          this.phase = Phase.Box;
          break;
        }
        case Phase.Box: {
          if (this.boxIdx === this.caseEndBox) {
            this.phase = Phase.Case;
            break;
          }
          p = this.writeBox(out, p);
          this.boxIdx++;
          this.boxEndItem = this.boxIdx * this.layout.itemsPerBox;
          this.phase = Phase.Item;
          break;
        }
        case Phase.Item:
          p = this.writeItems(out, p, limit);
          if (this.itemIdx === this.boxEndItem) this.phase = Phase.Box;
          break;
        case Phase.Done:
          return p;
      }
    }
    return p;
  }

  /** A row with no hidden code and no parent: `level,code,,`. */
  private writeLoose(out: Uint8Array, p: number, stream: CodeStream): number {
    const lit = stream === this.cases ? this.lit.case : this.lit.pallet;
    out.set(lit, p);
    p += lit.length;
    out.set(this.prefix, p);
    p += this.prefix.length;
    const at = stream.next();
    encodeBlockInto(this.slot, stream.block(), at, out, p);
    p += CODE_LENGTH;
    out[p++] = 44; // ,
    out[p++] = 44; // ,
    out[p++] = 10; // \n
    this.rows++;
    this.codes++;
    return p;
  }

  private writeBox(out: Uint8Array, p: number): number {
    out.set(this.lit.box, p);
    p += this.lit.box.length;
    out.set(this.prefix, p);
    p += this.prefix.length;
    const at = this.boxes.next();
    encodeBlockInto(this.slot, this.boxes.block(), at, out, p);
    copy26(out, p, this.boxCode, 0);
    p += CODE_LENGTH;
    out[p++] = 44;
    out[p++] = 44;
    copy26(this.caseCode, 0, out, p);
    p += CODE_LENGTH;
    out[p++] = 10;
    this.rows++;
    this.codes++;
    return p;
  }

  /** The hot loop: item rows of the current box while they fit. */
  private writeItems(out: Uint8Array, p: number, limit: number): number {
    const lit = this.lit.item;
    const prefix = this.prefix;
    const slot = this.slot;
    const stream = this.items;
    const parent = this.boxCode;
    const end = this.boxEndItem;
    let i = this.itemIdx;
    const hasPrefix = prefix.length > 0;
    while (i < end && p <= limit) {
      // "item," written byte by byte: TypedArray.set costs more than five stores.
      out[p] = lit[0] as number;
      out[p + 1] = lit[1] as number;
      out[p + 2] = lit[2] as number;
      out[p + 3] = lit[3] as number;
      out[p + 4] = lit[4] as number;
      p += 5;
      if (hasPrefix) {
        out.set(prefix, p);
        p += prefix.length;
      }
      const at = stream.next();
      const blocks = stream.block();
      encodeBlockInto(slot, blocks, at, out, p);
      p += CODE_LENGTH;
      out[p++] = 44;
      if (hasPrefix) {
        out.set(prefix, p);
        p += prefix.length;
      }
      encodeBlockInto(slot, blocks, at + CODE_BLOCK_BYTES, out, p);
      p += CODE_LENGTH;
      out[p++] = 44;
      copy26(parent, 0, out, p);
      p += CODE_LENGTH;
      out[p++] = 10;
      i++;
    }
    this.rows += i - this.itemIdx;
    this.codes += 2 * (i - this.itemIdx);
    this.itemIdx = i;
    return p;
  }
}

function copy26(from: Uint8Array, fromPos: number, to: Uint8Array, toPos: number): void {
  for (let k = 0; k < CODE_LENGTH; k++) to[toPos + k] = from[fromPos + k] as number;
}

/**
 * The whole print file as successive chunks of at most `chunkBytes` bytes. Each yielded chunk is a
 * fresh array the consumer may keep (a stream holds chunks until flushed), so with backpressure the
 * memory in use is a few chunks whatever the batch size.
 */
export function* printFileChunks(
  layout: BatchLayout,
  keyring: CodeKeyring,
  options: PrintRowsOptions & { chunkBytes?: number } = {},
): Generator<Uint8Array, void, void> {
  const chunkBytes = options.chunkBytes ?? 1 << 20;
  const writer = new PrintRowWriter(layout, keyring, options);
  if (!Number.isInteger(chunkBytes) || chunkBytes < writer.maxRowBytes || chunkBytes > 64 << 20) {
    throw new RangeError(`chunkBytes must be ${writer.maxRowBytes}..${64 << 20}`);
  }
  for (;;) {
    const buf = new Uint8Array(chunkBytes);
    const n = writer.fill(buf);
    if (n === 0) return;
    yield n === chunkBytes ? buf : buf.subarray(0, n);
  }
}

/** The `exportBatch` reply shape (docs/codes.md#batches). */
export interface BatchTree {
  cases: Array<{ code: string; boxes: Array<{ code: string; items: Array<{ code: string; hiddenCode: string }> }> }>;
}

/** Largest batch `batchCodeTree` builds in memory; larger batches go to the streamed print file. */
export const MAX_TREE_CASES = 100;

/**
 * Every code of a small batch as nested JSON, for `exportBatch`. Uses the same batched encryption
 * as the print file. Throws above MAX_TREE_CASES cases (the caller answers INVALID_ARGUMENT).
 */
export function batchCodeTree(layout: BatchLayout, keyring: CodeKeyring): BatchTree {
  if (layout.cases > MAX_TREE_CASES) throw new RangeError(`batchCodeTree: more than ${MAX_TREE_CASES} cases`);
  const cipher = keyring.slots[keyring.activeSlot];
  if (cipher === undefined) throw new Error('batchCodeTree: active key slot has no key');
  const slot = keyring.activeSlot;
  const c = layoutCounts(layout);
  const perCall = 4096;
  const items = new CodeStream(cipher, layout.batchNo, levelBits('item'), true, c.item, perCall);
  const boxes = new CodeStream(cipher, layout.batchNo, levelBits('box'), false, c.box, perCall);
  const cases = new CodeStream(cipher, layout.batchNo, levelBits('case'), false, c.case, perCall);
  const str = (s: CodeStream, at: number): string => encodeBlock(slot, s.block().subarray(at, at + CODE_BLOCK_BYTES));
  const tree: BatchTree = { cases: [] };
  for (let ci = 0; ci < c.case; ci++) {
    const caseNode: BatchTree['cases'][number] = { code: str(cases, cases.next()), boxes: [] };
    for (let bi = 0; bi < layout.boxesPerCase; bi++) {
      const boxNode: BatchTree['cases'][number]['boxes'][number] = { code: str(boxes, boxes.next()), items: [] };
      for (let ii = 0; ii < layout.itemsPerBox; ii++) {
        const at = items.next();
        boxNode.items.push({ code: str(items, at), hiddenCode: str(items, at + CODE_BLOCK_BYTES) });
      }
      caseNode.boxes.push(boxNode);
    }
    tree.cases.push(caseNode);
  }
  return tree;
}
