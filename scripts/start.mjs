#!/usr/bin/env node
// `npm start`: runs the local cloud (local-cloud/src/cli.ts) from its TypeScript sources.
// tsx's loader is registered in this process only; function workers run plain JavaScript bundles.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../local-cloud/src/cli.ts');
await main(process.argv.slice(2));
