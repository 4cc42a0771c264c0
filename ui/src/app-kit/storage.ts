/**
 * Taro's synchronous storage (wx storage on weapp, localStorage on h5) as the kit's
 * `KeyValueStorage`. A failing storage only makes the app forget on restart.
 */
import Taro from '@tarojs/taro';
import type { KeyValueStorage } from '../kit/storage';

export const taroStorage: KeyValueStorage = {
  get(key) {
    try {
      const v: unknown = Taro.getStorageSync(key);
      return typeof v === 'string' && v !== '' ? v : null;
    } catch {
      return null;
    }
  },
  set(key, value) {
    Taro.setStorageSync(key, value);
  },
  remove(key) {
    try {
      Taro.removeStorageSync(key);
    } catch {
      // nothing stored: nothing to remove
    }
  },
};
