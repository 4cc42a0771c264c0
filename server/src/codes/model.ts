import type { UnitLevel } from '@channel-router/shared';

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

/** The database id of a unit: the same for an item's visible and hidden code. */
export function unitKey(batchNo: number, level: UnitLevel, index: number): string {
  return `${batchNo}.${level}.${index}`;
}
