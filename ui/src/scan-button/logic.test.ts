import { describe, expect, it } from 'vitest';
import { canUseCamera, cleanScanned, isScanCancel } from './logic';

describe('scan helpers', () => {
  it('cleans scanned text and refuses empty or oversized input', () => {
    expect(cleanScanned('  https://b.example/c/ABC\n')).toBe('https://b.example/c/ABC');
    expect(cleanScanned('')).toBeNull();
    expect(cleanScanned('   ')).toBeNull();
    expect(cleanScanned(42)).toBeNull();
    expect(cleanScanned('x'.repeat(513))).toBeNull();
  });

  it('tells a cancelled scan from a failed one', () => {
    expect(isScanCancel({ errMsg: 'scanCode:fail cancel' })).toBe(true);
    expect(isScanCancel({ errMsg: 'scanCode:fail system error' })).toBe(false);
    expect(isScanCancel(new Error('boom'))).toBe(false);
  });

  it('offers the camera only on a secure page with getUserMedia', () => {
    expect(canUseCamera({ isSecureContext: true, mediaDevices: { getUserMedia: () => {} } })).toBe(true);
    expect(canUseCamera({ isSecureContext: false, mediaDevices: { getUserMedia: () => {} } })).toBe(false);
    expect(canUseCamera({ isSecureContext: true, mediaDevices: undefined })).toBe(false);
  });
});
