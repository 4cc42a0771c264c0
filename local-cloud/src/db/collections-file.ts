/**
 * database/collections.json: every collection of the product with its indexes. The local cloud
 * creates them at start; the same file is the checklist for the CloudBase console.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertCollectionName, parseIndexSpec, type IndexSpec } from './index-spec.js';

export interface CollectionSpec {
  name: string;
  indexes: IndexSpec[];
}

/** <repo>/database/collections.json */
export const DEFAULT_COLLECTIONS_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..', '..', '..', 'database', 'collections.json',
);

const MAX_DECLARED_COLLECTIONS = 500;

export function parseCollectionsFile(json: unknown, source = 'collections.json'): CollectionSpec[] {
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { collections?: unknown }).collections)) {
    throw new Error(`${source}: expected { "collections": [ ... ] }`);
  }
  const list = (json as { collections: unknown[] }).collections;
  if (list.length > MAX_DECLARED_COLLECTIONS) throw new Error(`${source}: more than ${MAX_DECLARED_COLLECTIONS} collections`);
  const seen = new Set<string>();
  return list.map((entry, i) => {
    const where = `${source}: collections[${i}]`;
    if (typeof entry !== 'object' || entry === null) throw new Error(`${where} must be an object`);
    const { name, indexes = [] } = entry as { name?: unknown; indexes?: unknown };
    try {
      assertCollectionName(name);
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message}`);
    }
    if (seen.has(name)) throw new Error(`${where}: collection ${name} declared twice`);
    seen.add(name);
    if (!Array.isArray(indexes)) throw new Error(`${where}: "indexes" must be an array`);
    const specs = indexes.map((raw, j) => {
      try {
        return parseIndexSpec(raw, `${name}.indexes[${j}]`);
      } catch (e) {
        throw new Error(`${source}: ${(e as Error).message}`);
      }
    });
    const names = new Set<string>();
    for (const s of specs) {
      if (names.has(s.name)) throw new Error(`${source}: ${name} has two indexes named ${s.name}`);
      names.add(s.name);
    }
    return { name, indexes: specs };
  });
}

export function loadCollectionsFile(file: string = DEFAULT_COLLECTIONS_FILE): CollectionSpec[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as Error).message}`);
  }
  return parseCollectionsFile(json, file);
}
