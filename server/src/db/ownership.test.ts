/**
 * Goal: each collection is written only by the modules that own it (WRITERS in collections.ts,
 * the table in docs/boundaries.md). Every write in server/src is found from the source: a call of
 * add/set/update/remove/delete on a `.collection(C.x)` handle (directly, or through a variable
 * holding one), and insertOne/insertMany(db, C.x, ...). A write outside server/src/db/ must name
 * its collection as `C.<name>`, so that it can be checked. Fixtures prove the scanner sees each
 * form of write, and that a module writing another's collection is reported.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { C, WRITERS } from './collections.js';

const SRC = fileURLToPath(new URL('..', import.meta.url));
const WRITE_METHODS = new Set(['add', 'set', 'update', 'remove', 'delete']);
const WRITE_HELPERS = new Set(['insertOne', 'insertMany']);
/** Generic helpers that take the collection as a parameter; their callers are checked instead. */
const GENERIC_DIR = 'db';

interface Write {
  file: string;
  line: number;
  /** The key of C (e.g. `rateLimits`), or the source text when it is not `C.<name>`. */
  collection: string;
  named: boolean;
}

/** `C.units` → `units`; anything else → null. */
function cKey(node: ts.Expression): string | null {
  return ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'C' ? node.name.text : null;
}

/** The argument of the `.collection(arg)` call in a receiver chain (a.collection(x).doc(y).where(z)...), if any. */
function collectionArg(expr: ts.Expression, handles: ReadonlyMap<string, ts.Expression>): ts.Expression | null {
  let e: ts.Expression = expr;
  for (let depth = 0; depth < 32; depth++) {
    if (ts.isCallExpression(e)) {
      const callee = e.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'collection' && e.arguments.length === 1) return e.arguments[0]!;
      e = callee;
    } else if (ts.isPropertyAccessExpression(e) || ts.isNonNullExpression(e) || ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e)) {
      e = e.expression;
    } else if (ts.isIdentifier(e)) {
      return handles.get(e.text) ?? null;
    } else {
      return null;
    }
  }
  return null;
}

function findWrites(file: string, text: string): Write[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const handles = new Map<string, ts.Expression>();
  const out: Write[] = [];
  const record = (node: ts.Node, arg: ts.Expression) => {
    const key = cKey(arg);
    out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, collection: key ?? arg.getText(sf), named: key !== null });
  };
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const arg = collectionArg(node.initializer, handles);
      if (arg !== null) handles.set(node.name.text, arg);
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isPropertyAccessExpression(callee) && WRITE_METHODS.has(callee.name.text)) {
        const arg = collectionArg(callee.expression, handles);
        if (arg !== null) record(node, arg);
      }
      if (ts.isIdentifier(callee) && WRITE_HELPERS.has(callee.text) && node.arguments.length >= 2) record(node, node.arguments[1]!);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Problems with the writes of `module` (its folder under server/src). */
function problems(module: string, writes: readonly Write[]): string[] {
  const out: string[] = [];
  for (const w of writes) {
    const where = `${w.file}:${w.line}`;
    if (!w.named) {
      if (module !== GENERIC_DIR) out.push(`${where}: writes ${w.collection}; name the collection as C.<name>`);
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(WRITERS, w.collection)) {
      out.push(`${where}: writes C.${w.collection}, which has no entry in WRITERS`);
      continue;
    }
    const owners = WRITERS[w.collection as keyof typeof C] as readonly string[];
    if (!owners.includes(module)) out.push(`${where}: ${module}/ writes ${w.collection}, owned by ${owners.join(', ')}`);
  }
  return out;
}

describe('collection ownership', () => {
  it('every collection has writers, and every writer module exists', () => {
    expect(Object.keys(WRITERS).sort()).toEqual(Object.keys(C).sort());
    const modules = new Set(readdirSync(SRC, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name));
    for (const owners of Object.values(WRITERS)) for (const m of owners) expect(modules, m).toContain(m);
  });

  it('holds for server/src: each write is by an owner of the collection', () => {
    const found: string[] = [];
    let writes = 0;
    for (const file of sourceFiles(SRC)) {
      const rel = path.relative(SRC, file);
      const module = rel.split(path.sep)[0]!;
      const w = findWrites(rel, readFileSync(file, 'utf8'));
      writes += w.length;
      found.push(...problems(module, w));
    }
    expect(found).toEqual([]);
    // The scanner sees the writes that exist (a scanner that finds nothing would pass the line above).
    expect(writes).toBeGreaterThan(30);
  });

  it('sees every form of write, and reports a module writing a collection it does not own', () => {
    const fixture = [
      "import { C } from '../db/collections.js';",
      'export async function f(db: any, tx: any) {',
      '  await db.collection(C.units).doc("u").set({});',
      '  await tx.collection(C.ledger).doc("l").update({});',
      '  const h = db.collection(C.accounts);',
      '  await h.doc("a").set({});',
      '  await h.where({}).remove();',
      '  await insertOne(db, C.events, {});',
      '  await insertMany(db, C.orgs, []);',
      '  await db.collection("rate_limits").add({});',
      '  await db.collection(C.units).doc("u").get();',
      '  await getById(db, C.units, "u");',
      '}',
    ].join('\n');
    const writes = findWrites('channel/bad.ts', fixture);
    expect(writes.map((w) => `${w.line}:${w.collection}`)).toEqual(['3:units', '4:ledger', '6:accounts', '7:accounts', '8:events', '9:orgs', '10:"rate_limits"']);
    expect(problems('channel', writes)).toEqual([
      'channel/bad.ts:3: channel/ writes units, owned by custody',
      'channel/bad.ts:4: channel/ writes ledger, owned by wallet',
      'channel/bad.ts:6: channel/ writes accounts, owned by wallet',
      'channel/bad.ts:7: channel/ writes accounts, owned by wallet',
      'channel/bad.ts:8: channel/ writes events, owned by custody',
      'channel/bad.ts:10: writes "rate_limits"; name the collection as C.<name>',
    ]);
    expect(problems('wallet', findWrites('wallet/ok.ts', 'const h = tx.collection(C.ledger); h.doc("x").set({});'))).toEqual([]);
  });
});
