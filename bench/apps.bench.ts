/**
 * The four mini-programs' sizes: each app's weapp main package (WeChat refuses over 2 MB; our
 * limit is 1 MB) and each H5 app's JavaScript on first load, gzipped. Builds what is missing or
 * stale first (a stale build would report yesterday's size).
 *
 *   npx tsx bench/apps.bench.ts      (or: npm run bench -- apps)
 */
import { pathToFileURL } from 'node:url';
// @ts-expect-error: a plain ES module of the build tooling, without typings
import { APPS, WEAPP_MAIN_PACKAGE_LIMIT_BYTES, buildApp, h5FirstLoad, isStale, weappMainPackageBytes } from '../scripts/build-apps.mjs';

interface Row {
  name: string;
  value: number;
  unit: string;
  target?: string;
  pass?: boolean;
}

const KB = 1024;

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const app of APPS as string[]) {
    for (const platform of ['weapp', 'h5']) {
      if (isStale(app, platform)) await buildApp(app, platform, { quiet: true });
    }
    const main_bytes = weappMainPackageBytes(app) as number;
    rows.push({
      name: `${app}: weapp main package`,
      value: Math.round((main_bytes / KB) * 10) / 10,
      unit: 'KB',
      target: `≤ ${WEAPP_MAIN_PACKAGE_LIMIT_BYTES / KB} KB`,
      pass: main_bytes <= WEAPP_MAIN_PACKAGE_LIMIT_BYTES,
    });
    const first = h5FirstLoad(app) as { js_gzip: number; gzip: number };
    rows.push({ name: `${app}: H5 first-load JS, gzipped`, value: Math.round((first.js_gzip / KB) * 10) / 10, unit: 'KB' });
  }
  return rows;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then((rows) => {
    for (const r of rows) console.log(`${r.name.padEnd(36)} ${String(r.value).padStart(8)} ${r.unit} ${r.target ?? ''} ${r.pass === undefined ? '' : r.pass ? 'PASS' : 'FAIL'}`);
  });
}
