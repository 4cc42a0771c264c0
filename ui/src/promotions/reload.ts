/**
 * When a list asks again: its filters changed (`key`), or its page is shown again (back from an
 * editor or an approval elsewhere). The first mount is the query's own first load.
 */
import { useDidShow } from '@tarojs/taro';
import { useEffect, useRef } from 'react';

export function useReloadOn(reload: () => void, key = ''): void {
  const lastKey = useRef(key);
  const shown = useRef(0);
  useEffect(() => {
    if (lastKey.current === key) return;
    lastKey.current = key;
    reload();
  }, [key, reload]);
  useDidShow(() => {
    // The first show is the mount: the query is already loading.
    shown.current += 1;
    if (shown.current > 1) reload();
  });
}
