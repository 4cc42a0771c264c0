import type { PropsWithChildren } from 'react';
import '@channel-router/ui/styles.css';
import './app.css';

export default function App({ children }: PropsWithChildren) {
  return children;
}
