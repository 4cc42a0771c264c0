/**
 * One collection's SQLite table, its declared indexes, the state of its indexed paths, and a
 * small cache of prepared statements (compiling SQL costs more than running a point read).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { IndexSpec } from './index-spec.js';
import type { PathState } from './path-state.js';
import type { PlanContext } from './query-plan.js';
import { entryIndexName, entryTableName, quoteIdent, sqlIndexName } from './sql-schema.js';

const MAX_CACHED_STATEMENTS = 256;

export class CollectionTable {
  readonly quoted: string;
  /** Declared indexes by name (not `_id`). */
  readonly indexes = new Map<string, IndexSpec>();
  /** `_id` and every indexed path. */
  readonly paths = new Map<string, PathState>();
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(
    private readonly db: BetterSqlite3.Database,
    readonly name: string,
    readonly tbl: string,
  ) {
    this.quoted = quoteIdent(tbl);
  }

  /** A prepared statement for `sql`, where `$T` stands for this table. */
  stmt(sql: string): BetterSqlite3.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.clear();
      s = this.db.prepare(sql.replaceAll('$T', this.quoted));
      this.statements.set(sql, s);
    }
    return s;
  }

  forgetStatements(): void {
    this.statements.clear();
  }

  /** The declared index behind a SQLite index name (from a UNIQUE constraint error). */
  indexBySqlName(sqlName: string): IndexSpec | undefined {
    for (const spec of this.indexes.values()) {
      if (sqlIndexName(this.tbl, spec) === sqlName || entryIndexName(this.tbl, spec) === sqlName) return spec;
    }
    return undefined;
  }

  /** Indexes kept in entry tables (see catalog.ts). */
  multikeyIndexes(): IndexSpec[] {
    return [...this.indexes.values()].filter((s) => s.multikey === true);
  }

  /** What the query planner needs to know of this collection. */
  planContext(): PlanContext {
    return { paths: this.paths, multikey: this.multikeyIndexes().map((spec) => ({ spec, entryTable: entryTableName(this.tbl, spec) })) };
  }
}
