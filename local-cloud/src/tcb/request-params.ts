/**
 * Reading the fields of a database request. The SDK sends queries, data, order, projection and
 * stage values as EJSON strings; everything is checked before it reaches the store.
 */
import { isPlainObject, parseWireValue, type Doc } from '../db/doc-codec.js';
import { invalidParam } from '../db/errors.js';
import type { SortSpec } from '../db/query-plan.js';

export type Params = Record<string, unknown>;

export class RequestParams {
  constructor(
    readonly raw: Params,
    private readonly now_ms: number,
    private readonly maxDepth: number,
  ) {}

  string(name: string): string {
    const v = this.raw[name];
    if (typeof v !== 'string' || v === '') throw invalidParam(`${name} must be a non-empty string`);
    return v;
  }

  optionalString(name: string): string | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') throw invalidParam(`${name} must be a string`);
    return v;
  }

  boolean(name: string, fallback: boolean): boolean {
    const v = this.raw[name];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') throw invalidParam(`${name} must be a boolean`);
    return v;
  }

  optionalInteger(name: string): number | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw invalidParam(`${name} must be a non-negative integer`);
    return v;
  }

  /** An EJSON field (string) or a plain JSON value, parsed. */
  ejson(name: string): unknown {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    return typeof v === 'string' ? parseWireValue(v, this.now_ms, this.maxDepth) : parseWireValue(JSON.stringify(v), this.now_ms, this.maxDepth);
  }

  /** An EJSON object field; `{}` when absent. */
  ejsonObject(name: string): Doc {
    const v = this.ejson(name);
    if (v === undefined) return {};
    if (!isPlainObject(v)) throw invalidParam(`${name} must be an object`);
    return v;
  }

  /** `order`: `{field: 1|-1}` (this SDK), or `[{field, direction}]` (older SDKs). */
  sort(): SortSpec | undefined {
    const v = this.ejson('order');
    if (v === undefined) return undefined;
    const out: SortSpec = {};
    const add = (field: unknown, dir: unknown) => {
      if (typeof field !== 'string' || field === '') throw invalidParam('order field must be a non-empty string');
      const d = dir === 'desc' || dir === -1 ? -1 : dir === 'asc' || dir === 1 ? 1 : undefined;
      if (d === undefined) throw invalidParam(`order of ${field} must be 1/-1 or asc/desc`);
      out[field] = d;
    };
    if (Array.isArray(v)) for (const o of v) add(isPlainObject(o) ? o.field : undefined, isPlainObject(o) ? o.direction : undefined);
    else if (isPlainObject(v)) for (const [f, d] of Object.entries(v)) add(f, d);
    else throw invalidParam('order must be an object');
    return Object.keys(out).length === 0 ? undefined : out;
  }
}
