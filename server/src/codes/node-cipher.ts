/**
 * AES-128 behind the shared `BlockCipher` port, through `node:crypto` (OpenSSL, AES-NI when the CPU
 * has it). One long-lived ECB context per direction: ECB carries no state from block to block, and
 * padding is off, so every call maps n input blocks to exactly n output blocks.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { BlockCipher } from '@channel-router/shared';

export const AES_KEY_BYTES = 16;

export function createAesBlockCipher(key: Uint8Array): BlockCipher {
  if (key.length !== AES_KEY_BYTES) throw new Error(`AES-128 key must be ${AES_KEY_BYTES} bytes`);
  const enc = createCipheriv('aes-128-ecb', key, null);
  enc.setAutoPadding(false);
  const dec = createDecipheriv('aes-128-ecb', key, null);
  dec.setAutoPadding(false);
  return {
    encryptBlocks(blocks: Uint8Array): Uint8Array {
      // A partial block would be buffered by OpenSSL and shift every later output: refuse it.
      if (blocks.length === 0 || blocks.length % 16 !== 0) throw new Error('encryptBlocks: length must be a positive multiple of 16');
      const out = enc.update(blocks);
      if (out.length !== blocks.length) throw new Error('encryptBlocks: cipher output size mismatch');
      return out;
    },
    decryptBlock(block: Uint8Array): Uint8Array {
      if (block.length !== 16) throw new Error('decryptBlock: block must be 16 bytes');
      const out = dec.update(block);
      if (out.length !== 16) throw new Error('decryptBlock: cipher output size mismatch');
      return out;
    },
  };
}
