/** The `channel` cloud function: the brand, orgs, people, invites, products. */
import { defineFunction } from '../runtime/define.js';
import { listOrgs, listProducts } from '../channel/lists.js';
import { bootstrap, createOrg, createProduct, invite, join, me } from '../channel/service.js';

export const channelMain = defineFunction('channel', {
  bootstrap: { apps: ['admin'], run: bootstrap },
  createOrg: { run: createOrg },
  invite: { run: invite },
  join: { run: join },
  me: { run: (ctx) => me(ctx) },
  createProduct: { run: createProduct },
  listOrgs: { run: listOrgs },
  listProducts: { run: (ctx) => listProducts(ctx) },
});
