import path from 'node:path';
import { defineConfig } from '@tarojs/cli';
// The four apps share one build configuration (see ui/build/taro-config.cjs for the reasons).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makeTaroConfig } = require('../../ui/build/taro-config.cjs');

export default defineConfig<'webpack5'>(() =>
  makeTaroConfig({ app: 'consumer', appDir: path.resolve(__dirname, '..'), title: '扫码领奖' }),
);
