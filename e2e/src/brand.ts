/**
 * Sets up what a consumer needs to scan, through the same public API the admin app uses:
 * a brand, a product with a consumer reward, one printed case, a funded budget. Returns one
 * item's visible and hidden codes. No demo seed involved, so the test owns its data.
 */
import type { TestCloud } from '../../local-cloud/src/testing';

export interface ScannableItem {
  visibleCode: string;
  hiddenCode: string;
  /** Hidden codes of the other items in the case (for repeat scans). */
  spareHiddenCodes: string[];
  productId: string;
  consumerReward_fen: number;
}

/**
 * A set-up call the backend refused. It fails the test that asked: the backend is expected to
 * answer, so this is never a reason to skip.
 */
export class BackendNotReady extends Error {}

/** The call's data; any refusal throws BackendNotReady. */
async function must<T>(cloud: TestCloud, fn: string, event: Record<string, unknown>, token: string): Promise<T> {
  const r = await cloud.call<T>(fn, event, token);
  if (!r.ok) throw new BackendNotReady(`${fn}.${String(event['action'])} answered ${r.error.code}: ${r.error.message}`);
  return r.data;
}

export async function setUpScannableItem(cloud: TestCloud, consumerReward_fen = 188): Promise<ScannableItem> {
  const admin = await cloud.login('admin', 'e2e-admin');
  await must(cloud, 'channel', { action: 'bootstrap', brandName: '端到端测试品牌' }, admin);
  const { productId } = await must<{ productId: string }>(
    cloud,
    'channel',
    {
      action: 'createProduct',
      sku: 'E2E-500ML',
      name: '测试饮料 500ml',
      packaging: { itemsPerBox: 2, boxesPerCase: 2 },
      policy: { consumerReward: consumerReward_fen, storeReward: 50, dealerRebate: 30, diversionPenalty: 100 },
    },
    admin,
  );
  const { batchId } = await must<{ batchId: string }>(cloud, 'codes', { action: 'createBatch', productId, cases: 1 }, admin);
  const exported = await must<{ cases?: Array<{ boxes: Array<{ items: Array<{ code: string; hiddenCode: string }> }> }> }>(
    cloud,
    'codes',
    { action: 'exportBatch', batchId },
    admin,
  );
  const items = (exported.cases ?? []).flatMap((c) => c.boxes.flatMap((b) => b.items));
  const first = items[0];
  if (first === undefined) throw new BackendNotReady('exportBatch returned no items');
  await must(cloud, 'wallet', { action: 'fund', amount: 1_000_000, requestId: 'e2e-fund-0001' }, admin);
  return {
    visibleCode: first.code,
    hiddenCode: first.hiddenCode,
    spareHiddenCodes: items.slice(1).map((i) => i.hiddenCode),
    productId,
    consumerReward_fen,
  };
}
