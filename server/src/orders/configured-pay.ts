/**
 * The WeChat Pay provider of this deployment. Until the production provider is configured, only
 * the simulated one exists, and only where it cannot be abused: under the local cloud, or with an
 * explicit PAY_SIM_SECRET (a staging environment). Elsewhere WeChat Pay is unavailable (null).
 */
import type { PaymentProvider } from './payment-port.js';
import { LOCAL_SIMULATED_PAY_SECRET, simulatedPaymentProvider } from './simulated-pay.js';

export function paymentProvider(env: Record<string, string | undefined>): PaymentProvider | null {
  if (env.PAY_SIM_SECRET !== undefined && env.PAY_SIM_SECRET.length >= 16) return simulatedPaymentProvider(env.PAY_SIM_SECRET);
  if (env.TCB_SOURCE === 'local-cloud') return simulatedPaymentProvider(LOCAL_SIMULATED_PAY_SECRET);
  return null;
}
