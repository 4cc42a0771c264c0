import type { PropsWithChildren } from 'react';
import '@channel-router/ui/styles.css';
// The buying screens' styles: only the two apps that buy (docs/ui.md#ordering-the-buyers-screens).
import '@channel-router/ui/ordering-buy.css';
import './app.css';

export default function App({ children }: PropsWithChildren) {
  return children;
}
