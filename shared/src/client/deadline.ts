/**
 * One request against a deadline, the same way for every transport (function calls and uploads,
 * gateway and cloud): the exchange's reply, or a NETWORK reply when none came within `timeout_ms`.
 * Where the platform has AbortController, the request is aborted at the deadline so a late answer
 * cannot land after the person was told it failed.
 */
import type { RawReply } from './types.js';

/** Longer than any phone upload: a larger deadline is a bug in the caller. */
const MAX_TIMEOUT_MS = 10 * 60_000;

export function networkFailure(message: string): RawReply {
  return { ok: false, error: { code: 'NETWORK', message } };
}

export async function withDeadline(
  timeout_ms: number,
  exchange: (signal: AbortSignal | undefined) => Promise<RawReply>,
): Promise<RawReply> {
  if (!Number.isSafeInteger(timeout_ms) || timeout_ms <= 0 || timeout_ms > MAX_TIMEOUT_MS) {
    throw new Error(`withDeadline: timeout_ms must be 1..${MAX_TIMEOUT_MS}, got ${timeout_ms}`);
  }
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<RawReply>((resolve) => {
    timer = setTimeout(() => {
      controller?.abort();
      resolve(networkFailure(`no reply within ${timeout_ms} ms`));
    }, timeout_ms);
  });
  try {
    return await Promise.race([exchange(controller?.signal), deadline]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

/** The part of `fetch` a transport uses (so tests and older browsers can supply one). */
export type PostLike<Body> = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: Body; signal?: AbortSignal },
) => Promise<{ status: number; text(): Promise<string> }>;

/** POSTs and reads the body as text; a thrown fetch becomes a NETWORK reply, never an exception. */
export async function postForText<Body>(
  fetch: PostLike<Body>,
  url: string,
  headers: Record<string, string>,
  body: Body,
  signal: AbortSignal | undefined,
): Promise<{ ok: true; status: number; text: string } | { ok: false; reply: RawReply }> {
  try {
    const init: Parameters<PostLike<Body>>[1] = { method: 'POST', headers, body };
    if (signal !== undefined) init.signal = signal;
    const res = await fetch(url, init);
    return { ok: true, status: res.status, text: await res.text() };
  } catch (e) {
    return { ok: false, reply: networkFailure(`request failed: ${e instanceof Error ? e.message : String(e)}`) };
  }
}

/** The platform error text of a rejected wx/Taro call (`errMsg`), or the thrown value. */
export function platformErrorText(e: unknown): string {
  return typeof e === 'object' && e !== null && 'errMsg' in e ? String((e as { errMsg: unknown }).errMsg) : String(e);
}
