/** Bounds of the HTTP gateway. */
export interface GatewayLimits {
  /** A function event (JSON body of POST /api/fn/<name>). Events are small: 1,000 codes fit in ~60 KiB. */
  maxEventBytes: number;
  /** Body of POST /api/dev/login. */
  maxLoginBytes: number;
  /** Body of a /tcb database request (a batch insert of a large code batch is the biggest). */
  maxTcbBytes: number;
  /** Lifetime of a sign-in token. */
  tokenLifetime_ms: number;
  /** Whole request, headers and body (node's server.requestTimeout). */
  requestTimeout_ms: number;
  /** Open connections at once. */
  maxConnections: number;
}

export const DEFAULT_GATEWAY_LIMITS: Readonly<GatewayLimits> = Object.freeze({
  maxEventBytes: 256 * 1024,
  maxLoginBytes: 4 * 1024,
  maxTcbBytes: 32 * 1024 * 1024,
  tokenLifetime_ms: 12 * 60 * 60 * 1000,
  requestTimeout_ms: 60_000,
  maxConnections: 512,
});

export function resolveGatewayLimits(overrides: Partial<GatewayLimits> = {}): GatewayLimits {
  const limits = { ...DEFAULT_GATEWAY_LIMITS, ...overrides };
  for (const [k, v] of Object.entries(limits)) {
    if (!Number.isInteger(v) || v <= 0) throw new RangeError(`gateway limit ${k} must be a positive integer, got ${v}`);
  }
  return limits;
}
