/**
 * The local default: records what would be sent (the same request bodies as production, after
 * the same checks) and sends nothing. The in-app message list is the order module's; this only
 * stands in for WeChat's channel.
 */
import { payOk, type PayResult } from '../provider.js';
import type { ShippingInfo, ShippingNoticeProvider, SubscribeMessage } from './provider.js';
import { shippingInfoBody, subscribeMessageBody } from './shapes.js';

/** Records kept per process; the oldest are dropped beyond this. */
export const SIMULATED_RECORDS_MAX = 1000;

export type SimulatedShippingRecord =
  | { kind: 'subscribe_message'; appId: string; body: Record<string, unknown> }
  | { kind: 'shipping_info'; appId: string; body: Record<string, unknown> };

export interface SimulatedShippingProvider extends ShippingNoticeProvider {
  readonly name: 'simulated';
  /** What was sent, oldest first. */
  records(): readonly SimulatedShippingRecord[];
}

export function simulatedShippingProvider(): SimulatedShippingProvider {
  const recorded: SimulatedShippingRecord[] = [];
  function keep(r: SimulatedShippingRecord): void {
    if (recorded.length >= SIMULATED_RECORDS_MAX) recorded.shift();
    recorded.push(r);
  }
  return {
    name: 'simulated',
    async sendSubscribeMessage(m: SubscribeMessage): Promise<PayResult<{ sent: true }>> {
      const body = subscribeMessageBody(m);
      if (!body.ok) return body;
      keep({ kind: 'subscribe_message', appId: m.appId, body: body.data });
      return payOk({ sent: true });
    },
    async uploadShippingInfo(s: ShippingInfo): Promise<PayResult<{ uploaded: true }>> {
      const body = shippingInfoBody(s);
      if (!body.ok) return body;
      keep({ kind: 'shipping_info', appId: s.appId, body: body.data });
      return payOk({ uploaded: true });
    },
    records: () => [...recorded],
  };
}
