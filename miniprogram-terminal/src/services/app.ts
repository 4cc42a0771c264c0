import { createAppClient } from '@channel-router/ui';

/** The terminal app's single client (gateway on h5, wx.cloud on weapp). */
export const client = createAppClient('terminal');
