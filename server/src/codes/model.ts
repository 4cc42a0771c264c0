/** Stored shape of a batch: the codes are derived from it, never stored one by one. */
export interface BatchDoc {
  _id: string;
  /** Small sequential number carried (encrypted) inside every code of the batch. */
  batchNo: number;
  productId: string;
  cases: number;
  itemsPerBox: number;
  boxesPerCase: number;
  counts: { case: number; box: number; item: number };
  keySlot: number;
  createdAt: number;
  createdBy: string;
}

export type Level = 'item' | 'box' | 'case' | 'pallet';

/** The database id of a unit: the same for an item's visible and hidden code. */
export function unitKey(batchNo: number, level: Level, index: number): string {
  return `${batchNo}.${level}.${index}`;
}

export function parseUnitKey(key: string): { batchNo: number; level: Level; index: number } {
  const [b, level, i] = key.split('.');
  return { batchNo: Number(b), level: level as Level, index: Number(i) };
}
