/**
 * The Taro build configuration shared by the four mini-programs. Each app's `config/index.ts`
 * calls `makeTaroConfig({ app, appDir })`, so the four builds cannot drift apart.
 *
 * Why each setting:
 * - `compile.include`: Taro only transpiles `src/` and Taro's own node_modules; the workspace
 *   packages `shared/` and `ui/` are TypeScript sources reached through npm-workspace symlinks,
 *   so they must be listed or webpack would feed raw TypeScript to the parser.
 * - `resolve.extensionAlias`: `shared/` is ESM TypeScript that imports `./x.js` (NodeNext style);
 *   webpack has to map that to `./x.ts`.
 * - outputs go to `dist/weapp` and `dist/h5`; the local cloud serves `dist/h5` under `/<app>/`,
 *   hence `publicPath: '/<app>/'` and the hash router (static hosting, no server-side fallback).
 * - `jsMinimizer: 'esbuild'` (target es2017; sources are already transpiled): several times
 *   faster than terser on CI's two cores, at a bundle size within a few percent. CSS stays on
 *   csso (Taro's esbuild CSS minifier passes an option esbuild rejects).
 * - no prebundling: in production builds it was no faster here and left literal
 *   `_contenthash_` in h5 chunk names.
 * - no source maps in production builds (they double build time and the weapp package size).
 * - `designWidth: 375`: styles are written in CSS pixels of a 375-px-wide phone; pxtransform
 *   turns them into rpx (weapp) or rem (h5).
 */
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '../..');
const WORKSPACE_SOURCES = [path.join(REPO_ROOT, 'shared'), path.join(REPO_ROOT, 'ui')];
const APPS = ['admin', 'dealer', 'terminal', 'consumer'];

/**
 * @param {{ app: 'admin'|'dealer'|'terminal'|'consumer', appDir: string, title: string }} options
 * @returns {import('@tarojs/cli').UserConfigExport<'webpack5'>}
 */
function makeTaroConfig({ app, appDir, title }) {
  if (!APPS.includes(app)) throw new Error(`makeTaroConfig: unknown app ${app}`);
  const env = process.env.TARO_ENV;
  const production = process.env.NODE_ENV !== 'development';

  // npm cannot hoist @tarojs/plugin-framework-react to the root node_modules (its optional peer
  // `vite@^4` clashes with the root's vitest), so it sits in each app's node_modules where
  // @tarojs/taro-h5 (hoisted) cannot see it. Point every importer at the app's copy.
  const frameworkReactDir = path.dirname(
    require.resolve('@tarojs/plugin-framework-react/package.json', { paths: [appDir] }),
  );

  /** @param {any} chain */
  const webpackChain = (chain) => {
    chain.resolve.alias.set('@tarojs/plugin-framework-react', frameworkReactDir);
    chain.merge({
      resolve: {
        extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
      },
    });
  };

  return {
    projectName: `channel-router-${app}`,
    date: '2025-1-1',
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${env === 'h5' ? 'h5' : 'weapp'}`,
    plugins: [],
    defineConstants: {
      APP_NAME: JSON.stringify(app),
      APP_TITLE: JSON.stringify(title),
      /** Gateway origin for h5; empty means "the origin that served the page" (the local cloud). */
      API_BASE_URL: JSON.stringify(process.env.CR_API_BASE_URL || ''),
      /** CloudBase environment id for weapp; empty means the default environment. */
      CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV || ''),
    },
    alias: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: !process.env.CI, name: `${app}-${env}-${production ? 'prod' : 'dev'}`, buildDependencies: { config: [__filename, path.join(appDir, 'config/index.ts')] } },
    jsMinimizer: 'esbuild',
    // Taro defaults esbuild's target to es5, which esbuild cannot lower destructuring to; the
    // sources are already transpiled by babel for the browserslist targets, so minify only.
    esbuild: { minify: { enable: true, config: { target: 'es2017' } } },
    logger: { quiet: true, stats: false },
    mini: {
      compile: { include: WORKSPACE_SOURCES },
      enableSourceMap: !production,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain,
    },
    h5: {
      publicPath: `/${app}/`,
      staticDirectory: 'static',
      router: { mode: 'hash' },
      enableSourceMap: !production,
      compile: { include: WORKSPACE_SOURCES },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain,
    },
  };
}

module.exports = { makeTaroConfig, APPS, REPO_ROOT };
