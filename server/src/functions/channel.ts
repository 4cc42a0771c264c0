/**
 * The `channel` cloud function: the brand, orgs, people, invites, products.
 * What each action does; its request, callers, apps and errors are declared in
 * shared/src/api/functions/channel.ts.
 */
import { defineFunction } from '../runtime/define.js';
import { listOrgs, listProducts } from '../channel/lists.js';
import { bootstrap, createOrg, createProduct, invite, join, me, setProductCategory } from '../channel/service.js';

export const channelMain = defineFunction('channel', {
  bootstrap,
  createOrg,
  invite,
  join,
  me,
  createProduct,
  setProductCategory,
  listOrgs,
  listProducts,
});
