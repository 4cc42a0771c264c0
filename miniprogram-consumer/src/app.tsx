import type { PropsWithChildren } from 'react';
import { useLaunchCode } from '@channel-router/ui';
import { claimStore } from './services/app';
import '@channel-router/ui/styles.css';
import './app.css';

export default function App({ children }: PropsWithChildren) {
  // WeChat's own scanner opens the app with a code's link: that code is verified on the home screen.
  useLaunchCode((code) => claimStore.getState().arrive(code));
  return children;
}
