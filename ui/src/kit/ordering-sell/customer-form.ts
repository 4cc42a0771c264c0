/**
 * A seller's customer profile (docs/ordering.md#who-trades-with-whom): level, groups, tags,
 * contact, phone, licence number and delivery addresses (region code + street). The form keeps
 * text as typed; `checkCustomerForm` gives the request or every problem by field.
 */
import type { CustomerAddress, CustomerView, SaveCustomerReq } from '@channel-router/shared/api';
import { splitTargets } from './policy-form';

export const MAX_ADDRESSES = 10;
export const MAX_LABELS = 20;

export interface AddressForm {
  addressId: string;
  regionCode: string;
  street: string;
}

export interface CustomerForm {
  buyerOrgId: string;
  level: string;
  groups: string;
  tags: string;
  contact: string;
  phone: string;
  licenceNo: string;
  addresses: AddressForm[];
}

export function customerFormOf(c: CustomerView): CustomerForm {
  return {
    buyerOrgId: c.buyerOrgId,
    level: c.level ?? '',
    groups: c.groupIds.join(' '),
    tags: c.tags.join(' '),
    contact: c.contact ?? '',
    phone: c.phone ?? '',
    licenceNo: c.licenceNo ?? '',
    addresses: c.addresses.map((a) => ({ ...a })),
  };
}

/** A new address's id: unique within the profile (`a1`, `a2`, …). */
export function nextAddressId(addresses: readonly AddressForm[]): string {
  const used = new Set(addresses.map((a) => a.addressId));
  for (let i = 1; i <= MAX_ADDRESSES + addresses.length; i++) if (!used.has(`a${i}`)) return `a${i}`;
  throw new Error('customer form: no free address id');
}

export type CustomerCheck = { ok: true; request: SaveCustomerReq } | { ok: false; errors: Record<string, string> };

export function checkCustomerForm(form: CustomerForm, sellerOrgId: string): CustomerCheck {
  const errors: Record<string, string> = {};
  const level = form.level.trim();
  if (level.length > 16) errors['level'] = '等级最多 16 个字';
  const groupIds = splitTargets(form.groups);
  const tags = splitTargets(form.tags);
  if (groupIds.length > MAX_LABELS || groupIds.some((g) => !/^[\w.-]{1,32}$/u.test(g))) errors['groups'] = `分组为字母、数字或 _ . -，最多 ${MAX_LABELS} 个`;
  if (tags.length > MAX_LABELS || tags.some((t) => t.length > 16)) errors['tags'] = `最多 ${MAX_LABELS} 个标签，每个最多 16 个字`;
  if (form.contact.trim().length > 32) errors['contact'] = '联系人最多 32 个字';
  const phone = form.phone.trim();
  if (phone !== '' && !/^[0-9+\- ]{5,20}$/.test(phone)) errors['phone'] = '请填写正确的电话号码';
  if (form.licenceNo.trim().length > 32) errors['licenceNo'] = '执照号最多 32 个字符';
  if (form.addresses.length > MAX_ADDRESSES) errors['addresses'] = `最多 ${MAX_ADDRESSES} 个地址`;
  const addresses: CustomerAddress[] = [];
  form.addresses.forEach((a, i) => {
    if (!/^\d{6}$/.test(a.regionCode.trim())) errors[`addresses[${i}].regionCode`] = '请填写 6 位地区编码';
    if (a.street.trim() === '' || a.street.trim().length > 120) errors[`addresses[${i}].street`] = '请填写详细地址（最多 120 个字）';
    addresses.push({ addressId: a.addressId, regionCode: a.regionCode.trim(), street: a.street.trim() });
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const request: SaveCustomerReq = { buyerOrgId: form.buyerOrgId, sellerOrgId, groupIds, tags, addresses };
  if (level !== '') request.level = level;
  if (form.contact.trim() !== '') request.contact = form.contact.trim();
  if (phone !== '') request.phone = phone;
  if (form.licenceNo.trim() !== '') request.licenceNo = form.licenceNo.trim();
  return { ok: true, request };
}

/** Customers whose name, level, group or tag contains the text (case-insensitive). */
export function filterCustomers(list: readonly CustomerView[], text: string): CustomerView[] {
  const q = text.trim().toLowerCase();
  if (q === '') return [...list];
  return list.filter((c) => [c.buyerName, c.level ?? '', ...c.groupIds, ...c.tags, c.contact ?? ''].some((s) => s.toLowerCase().includes(q)));
}
