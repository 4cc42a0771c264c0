import { describe, expect, it } from 'vitest';
import { codeFromLaunchQuery, codeToOpen, queryFromSearch } from './link.js';

// Goal: the consumer app finds the code in WeChat's launch query whatever form `q` arrives in,
// ignores anything that is not one of our code links, and does not reopen a code on a mere return.
const CODE = '3K1R1NXJ1219GHPGPMSTG5ZZ41';
const LINK = `https://brand.example/c/${CODE}`;

describe('codeFromLaunchQuery', () => {
  it('reads the code from q, URL-encoded as WeChat sends it or already decoded', () => {
    expect(codeFromLaunchQuery({ q: encodeURIComponent(LINK) })).toBe(CODE);
    expect(codeFromLaunchQuery({ q: LINK })).toBe(CODE);
    expect(codeFromLaunchQuery({ q: encodeURIComponent(`HTTPS://BRAND.EXAMPLE/C/${CODE.toLowerCase()}`), scancode_time: '1700000000' })).toBe(CODE);
  });

  it('answers null for no q, another link, a bare code, a malformed code or a broken escape', () => {
    expect(codeFromLaunchQuery(undefined)).toBeNull();
    expect(codeFromLaunchQuery({})).toBeNull();
    expect(codeFromLaunchQuery({ q: 42 })).toBeNull();
    expect(codeFromLaunchQuery({ q: encodeURIComponent('https://brand.example/about') })).toBeNull();
    expect(codeFromLaunchQuery({ q: CODE })).toBeNull();
    expect(codeFromLaunchQuery({ q: encodeURIComponent('https://brand.example/c/NOT-A-CODE!') })).toBeNull();
    expect(codeFromLaunchQuery({ q: '%E0%A4%A' })).toBeNull();
    expect(codeFromLaunchQuery({ q: 'x'.repeat(5000) })).toBeNull();
  });
});

describe('queryFromSearch', () => {
  it('decodes each value once and keeps the first of a repeated key', () => {
    expect(queryFromSearch(`?q=${encodeURIComponent(LINK)}&q=other&x=1`)).toEqual({ q: LINK, x: '1' });
    expect(queryFromSearch('')).toEqual({});
  });
});

describe('codeToOpen', () => {
  it('opens a freshly scanned code, even the one opened last', () => {
    expect(codeToOpen({ query: { q: encodeURIComponent(LINK) }, scene: 1011 }, CODE)).toBe(CODE);
  });
  it('does not reopen the last code when the app merely returns from the background', () => {
    expect(codeToOpen({ query: { q: encodeURIComponent(LINK) }, scene: 1089 }, CODE)).toBeNull();
    expect(codeToOpen({ query: { q: encodeURIComponent(LINK) }, scene: 1089 }, null)).toBe(CODE);
    expect(codeToOpen(undefined, null)).toBeNull();
  });
});
