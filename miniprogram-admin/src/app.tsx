import type { PropsWithChildren } from 'react';
import '@channel-router/ui/src/styles/index.css';
import './components/components.css';
import './app.css';

export default function App({ children }: PropsWithChildren) {
  return children;
}
