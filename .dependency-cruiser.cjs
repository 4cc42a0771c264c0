// Architectural boundaries, checked by `npm run lint:deps` and by `npm test`
// (scripts/dependency-rules.test.ts).
//
// `shared/` is the domain: it runs inside the four mini-programs (WeChat and browser), in the
// cloud functions and in tests. So it may import nothing tied to one platform: no Taro, no wx or
// CloudBase SDK, no database engine, no Node built-ins; and nothing from the layers built on it.
const path = require('node:path');

const PLATFORM_PACKAGES = ['@tarojs/', '@cloudbase/', 'wx-server-sdk', 'better-sqlite3', 'mingo', 'bson', 'react', 'react-dom'];
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
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Build output of our own packages only. Not node_modules, nor a package's dist/ folder in it:
    // excluding those would drop the very edges the rules look at.
    exclude: { path: ['^(shared|server|local-cloud|ui|miniprogram-[^/]+)/dist/', '^cloudfunctions/[^/]+/index\\.js'] },
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
