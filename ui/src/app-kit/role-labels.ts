import type { OrgKind, Role } from '@channel-router/shared/src/model.js';

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  owner: '老板',
  clerk: '店员',
  guide: '导购',
  salesperson: '业务员',
  admin: '管理员',
  inspector: '稽查员',
  finance: '财务',
  warehouse: '仓管',
  sales: '销售',
};

export const ORG_KIND_LABELS: Readonly<Record<OrgKind, string>> = {
  brand: '品牌',
  dealer: '经销商',
  wholesaler: '批发商',
  store: '门店',
};

/** `经销商 · 老板`; unknown values read as their raw text only if the contract grows. */
export function membershipLabel(kind: OrgKind, role: Role): string {
  return `${ORG_KIND_LABELS[kind] ?? kind} · ${ROLE_LABELS[role] ?? role}`;
}
