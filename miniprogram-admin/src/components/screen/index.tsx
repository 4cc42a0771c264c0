import { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState, type PropsWithChildren, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { Button, Header, Loading, needsLogin, Page, Result, useRequireLogin, ErrorNote } from '@channel-router/ui';
import { sessionStore } from '../../services/app';
import type { BrandRole } from '../../stores/session';

export interface ScreenProps {
  testId: string;
  title: string;
  subtitle?: ReactNode;
  /** `admin`: brand admins only; `staff`: admins and inspectors. */
  access: 'admin' | 'staff';
  /** Runs each time the screen is shown to a person allowed to use it (load its data here). */
  onShow?: () => void;
  extra?: ReactNode;
  /** The width of a desktop browser for tables (the seller's price lists, orders, reports). */
  wide?: boolean;
}

import { goBack, goHome } from '../../nav';

export { goBack, goHome };

function allows(access: ScreenProps['access'], role: BrandRole | null): boolean {
  return role === 'admin' || (access === 'staff' && role === 'inspector');
}

/**
 * The frame of every inner screen: sends a visitor with no session to the person picker (h5),
 * loads who is using the app, keeps out those whose role does not allow the screen (the server
 * refuses them anyway; this says so before they fill a form), and calls `onShow` when allowed.
 */
export function Screen({ testId, title, subtitle, access, onShow, extra, wide, children }: PropsWithChildren<ScreenProps>) {
  const ready = useRequireLogin('admin');
  const me = useStore(sessionStore, (s) => s.me);
  const [shown, setShown] = useState(0);
  const handled = useRef(0);
  const onShowRef = useRef(onShow);
  onShowRef.current = onShow;

  useDidShow(() => {
    if (needsLogin('admin')) return;
    if (sessionStore.getState().me.status !== 'ready') void sessionStore.getState().load();
    setShown((n) => n + 1);
  });

  const allowed = ready && me.status === 'ready' && allows(access, me.value.role);
  useEffect(() => {
    // Once per time the screen is shown, as soon as the person's role is known.
    if (allowed && shown > 0 && handled.current !== shown) {
      handled.current = shown;
      onShowRef.current?.();
    }
  }, [allowed, shown]);

  const header = <Header title={title} subtitle={subtitle} extra={extra} onBack={process.env.TARO_ENV === 'h5' ? goBack : undefined} />;

  let body: ReactNode;
  if (!ready || me.status === 'loading' || me.status === 'idle') {
    body = <Loading testId={`${testId}-loading`} />;
  } else if (me.status === 'error') {
    body = <ErrorNote text={me.error.userMessage} onRetry={() => void sessionStore.getState().load()} testId='session-error' />;
  } else if (me.value.role === null) {
    body = (
      <Result status='info' title='您还不是品牌成员' description='请回到首页，初始化品牌或用邀请码加入。' testId='not-staff'>
        <Button block variant='primary' onClick={goHome}>回到首页</Button>
      </Result>
    );
  } else if (!allowed) {
    body = (
      <Result status='warning' title='仅品牌管理员可以使用' description='稽查员可以使用稽查扫码、预警、渠道组织和数据看板。' testId='admin-only'>
        <Button block onClick={goBack}>返回</Button>
      </Result>
    );
  } else {
    body = children;
  }

  return (
    <Page testId={testId} className={wide === true ? 'cr-sell-wide' : undefined}>
      {header}
      {body}
    </Page>
  );
}
