// Architectural boundaries, checked by `npm run lint:deps` and by `npm test`
// (scripts/dependency-rules.test.ts). The rules and their reasons: docs/boundaries.md.
//
// `shared/` is the domain: it runs inside the four mini-programs (WeChat and browser), in the
// cloud functions and in tests. So it may import nothing tied to one platform: no Taro, no wx or
// CloudBase SDK, no database engine, no Node built-ins; and nothing from the layers built on it.
const path = require('node:path');

const PLATFORM_PACKAGES = ['@tarojs/', '@cloudbase/', 'wx-server-sdk', 'better-sqlite3', 'mingo', 'bson', 'react', 'react-dom'];
/** The apps and the kit: the code that runs on the phone, above shared/. */
const FRONT = '^(miniprogram-[^/]+|ui|app-kit)/';
/** What only runs on a developer's machine or in the cloud: never part of an app. */
const BACKEND_AND_TOOLS = '^(server|local-cloud|cloudfunctions|scripts|e2e|bench)/';
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const pkgAlternatives = PLATFORM_PACKAGES.map((p) => (p.endsWith('/') ? escape(p) : `${escape(p)}(/|$)`)).join('|');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-no-platform-packages',
      comment:
        'shared/ must run in the mini-programs, the browser and the cloud functions alike: no Taro, wx/CloudBase SDKs, database engines or UI libraries. Put platform code in server/, local-cloud/, ui/ or an app, behind an interface shared/ defines.',
      severity: 'error',
      from: { path: '^shared/' },
      // Resolved packages appear under node_modules/; unresolvable ones by their bare name.
      to: { path: [`(^|/)node_modules/(${pkgAlternatives})`, `^(${pkgAlternatives})`] },
    },
    {
      name: 'shared-no-node-builtins',
      comment:
        'shared/ runs in WeChat and in browsers, which have no fs, http, crypto, ... modules. Tests beside the code run only under node and may use them.',
      severity: 'error',
      from: { path: '^shared/', pathNot: '\\.test\\.tsx?$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-no-outer-layers',
      comment: 'shared/ is the innermost layer: the functions, the local cloud and the apps depend on it, never the reverse.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(server|local-cloud|cloudfunctions|ui|miniprogram-[^/]+|e2e|bench|scripts)/' },
    },
    {
      name: 'shared-resolvable',
      comment: 'An import shared/ cannot resolve is a typo or a package missing from its dependencies.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'cloud-code-not-local-only',
      comment:
        'The cloud functions run unmodified on CloudBase: they must not depend on the local cloud. Exempt: tests (they run the functions on the local cloud) and the demo seed in server/src/seed/ (it fills the local cloud through its API).',
      severity: 'error',
      from: { path: '^(server|cloudfunctions)/', pathNot: ['^server/src/seed/', '^server/test/', '^cloudfunctions/[^/]+/test/', '\\.test\\.tsx?$'] },
      to: { path: '^local-cloud/' },
    },
    {
      name: 'cloud-code-no-native-modules',
      comment: 'Function bundles are uploaded as-is; a native module (better-sqlite3) cannot be bundled. Tests are exempt.',
      severity: 'error',
      from: { path: '^(server|cloudfunctions)/', pathNot: ['^server/test/', '^cloudfunctions/[^/]+/test/', '\\.test\\.tsx?$'] },
      to: { path: '(^|/)node_modules/better-sqlite3/' },
    },
    {
      name: 'front-packages-by-name',
      comment:
        'An app or the kit imports another workspace package by its name (`@channel-router/shared`, `@channel-router/ui`), through what that package exports, never by a relative path into its folder.',
      severity: 'error',
      from: { path: FRONT },
      to: { dependencyTypes: ['local'], pathNot: '^$1/' },
    },
    {
      name: 'front-no-backend',
      comment: 'An app or the kit runs on the phone: it must not import the server, the local cloud, the cloud functions, scripts, e2e or bench code.',
      severity: 'error',
      from: { path: FRONT },
      to: { path: BACKEND_AND_TOOLS },
    },
    {
      name: 'apps-not-each-other',
      comment: 'An app does not import another app: what two apps share belongs in the kit (ui/) or in shared/.',
      severity: 'error',
      from: { path: '^(miniprogram-[^/]+)/' },
      to: { path: '^miniprogram-[^/]+/', pathNot: '^$1/' },
    },
    {
      name: 'kit-not-apps',
      comment: 'The kit serves the apps; it never depends on one.',
      severity: 'error',
      from: { path: '^(ui|app-kit)/' },
      to: { path: '^miniprogram-[^/]+/' },
    },
    {
      name: 'front-resolvable',
      comment:
        'An import an app or the kit cannot resolve is a typo, a missing dependency, or a deep path that the package does not export: import what its `exports` map offers.',
      severity: 'error',
      from: { path: FRONT },
      to: { couldNotResolve: true },
    },
    {
      name: 'local-cloud-no-product',
      comment:
        'The local cloud is a stand-in for CloudBase: it runs whatever functions it is given and knows no product. It imports nothing from the server, the functions, scripts or the apps; what the product supplies (bundles, settings, demo data) comes from its callers and the functions folder.',
      severity: 'error',
      from: { path: '^local-cloud/' },
      to: { path: '^(server|cloudfunctions|scripts|ui|app-kit|miniprogram-[^/]+|e2e|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Build output of our own packages only. Not node_modules, nor a package's dist/ folder in it:
    // excluding those would drop the very edges the rules look at.
    exclude: { path: ['^(shared|server|local-cloud|ui|app-kit|miniprogram-[^/]+)/dist/', '^cloudfunctions/[^/]+/index\\.js'] },
    // Type-only imports count too: a type from the CloudBase SDK in shared/ is still a dependency on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: path.join(__dirname, 'tsconfig.base.json') },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
