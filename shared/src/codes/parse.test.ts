import { describe, expect, it } from 'vitest';
import { codeUrl, isValidCodeDomain, MAX_CODE_INPUT_LENGTH, parseCodeInput } from './parse.js';

const CODE = '3VWBQXGXSQH53647TBBGQ3MCSK';

function parsed(raw: string): string | null {
  const r = parseCodeInput(raw);
  return r.ok ? r.data : null;
}

describe('parseCodeInput: every API accepts the bare code or the printed URL', () => {
  it('accepts the bare code in any case, with separators and surrounding whitespace', () => {
    expect(parsed(CODE)).toBe(CODE);
    expect(parsed(CODE.toLowerCase())).toBe(CODE);
    expect(parsed(`  ${CODE}\n`)).toBe(CODE);
    expect(parsed('3VWB-QXGX-SQH5-3647-TBBG-Q3MC-SK')).toBe(CODE);
    expect(parsed('3vwb qxgx sqh5 3647 tbbg q3mc sk')).toBe(CODE);
  });

  it('maps look-alikes typed by a person: I and L to 1, O to 0', () => {
    expect(parsed('A1B0CDEFGHJKMNPQRSTVWXYZ01')).toBe('A1B0CDEFGHJKMNPQRSTVWXYZ01');
    expect(parsed('AIBOCDEFGHJKMNPQRSTVWXYZOI')).toBe('A1B0CDEFGHJKMNPQRSTVWXYZ01');
    expect(parsed('alboCDEFGHJKMNPQRSTVWXYZol')).toBe('A1B0CDEFGHJKMNPQRSTVWXYZ01');
  });

  it('accepts the printed URL from any https host, with trailing slash, query or fragment', () => {
    for (const url of [
      `https://brand.example/c/${CODE}`,
      `https://brand.example/c/${CODE}/`,
      `https://brand.example/c/${CODE}?from=qr&x=1`,
      `https://brand.example/c/${CODE}/?from=qr`,
      `https://brand.example/c/${CODE}#top`,
      `https://other-host.cn:8443/c/${CODE.toLowerCase()}`,
      `HTTPS://BRAND.EXAMPLE/C/${CODE}`,
      `https://brand.example/c/3VWB-QXGX-SQH5-3647-TBBG-Q3MC-SK`,
      `https://brand.example/c/3VWB%20QXGX%20SQH53647TBBGQ3MCSK`,
    ]) {
      expect(parsed(url), url).toBe(CODE);
    }
  });

  it('rejects other URLs and schemes', () => {
    for (const url of [
      `http://brand.example/c/${CODE}`,
      `ftp://brand.example/c/${CODE}`,
      `https://brand.example/x/${CODE}`,
      `https://brand.example/c/${CODE}/extra`,
      `https://brand.example/a/c/${CODE}`,
      `https:///c/${CODE}`,
      `https://user@brand.example/c/${CODE}`,
      `https://brand.example/c/`,
      `javascript:alert(1)`,
    ]) {
      const r = parseCodeInput(url);
      expect(r.ok, url).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_CODE');
    }
  });

  it('rejects malformed codes with INVALID_CODE', () => {
    for (const raw of ['', '   ', CODE.slice(0, 25), `${CODE}A`, `${CODE.slice(0, 25)}U`, `${CODE.slice(0, 25)}!`, 'x'.repeat(MAX_CODE_INPUT_LENGTH + 1)]) {
      const r = parseCodeInput(raw);
      expect(r.ok, raw).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_CODE');
    }
    // Non-strings from untyped JSON bodies are not codes either.
    expect(parseCodeInput(42 as unknown as string).ok).toBe(false);
  });
});

describe('codeUrl', () => {
  it('builds the printed URL, which parses back to the code', () => {
    const url = codeUrl(CODE, 'brand.example');
    expect(url).toBe(`https://brand.example/c/${CODE}`);
    expect(parsed(url)).toBe(CODE);
  });

  it('refuses a domain that is not a host name', () => {
    expect(isValidCodeDomain('brand.example')).toBe(true);
    expect(isValidCodeDomain('localhost:8080')).toBe(true);
    for (const d of ['', 'https://brand.example', 'brand.example/path', 'bad host', '-x.example', 'BRAND.example']) {
      expect(isValidCodeDomain(d), d).toBe(false);
      expect(() => codeUrl(CODE, d)).toThrow();
    }
  });
});
