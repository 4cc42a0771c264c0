// jsdom ships no type declarations; this is the part the harness uses.
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string, options?: { pretendToBeVisual?: boolean; url?: string });
    readonly window: Window & typeof globalThis & { TouchEvent?: typeof Event };
  }
}
