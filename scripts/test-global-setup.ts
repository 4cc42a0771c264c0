/**
 * Runs once before the test files: builds the cloud function bundles (the real ones and the local
 * cloud's test fixtures), so no test file pays for it or races another to write them.
 */
import path from 'node:path';
import { buildFunctions, REPO_ROOT } from './build-functions.mjs';

export const FUNCTION_DIRS = [
  path.join(REPO_ROOT, 'cloudfunctions'),
  path.join(REPO_ROOT, 'local-cloud', 'test', 'fixtures', 'functions'),
];

export default async function setup(): Promise<void> {
  for (const functionsDir of FUNCTION_DIRS) await buildFunctions({ functionsDir, ifStale: true });
}
