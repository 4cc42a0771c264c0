/**
 * Dealers (with territories), wholesalers and stores: creating one (`channel.createOrg`) and
 * inviting people into an org (`channel.invite`).
 *
 * A retry after a lost reply must not create the org twice: one filled-in form is one intent,
 * sent as createOrg's `requestId`. The key is made at the first submit and kept while a reply may
 * have been lost; the server answers a retry with the org the first attempt created. Changing the
 * form makes a new request, with a new key.
 */
import { createStore } from 'zustand/vanilla';
import type { CreateOrgReq, InviteRes, OrgView } from '@channel-router/shared/src/api/actions.js';
import type { Client, ClientError, Intent } from '@channel-router/shared/src/client/index.js';
import { ROLES_BY_ORG_KIND, type ChannelOrgKind, type OrgKind, type Role } from '@channel-router/shared/src/model.js';
import { parseRequest } from '@channel-router/shared/src/validation/requests.js';
import { BRAND_ORG_ID } from './directory';
import * as fields from '@channel-router/shared/src/validation/fields.js';
import { checkField, describeProblem, isRetryable, problemFromReply, type FieldProblem, type FieldSpecs } from './form-errors';

export const ORG_KIND_NAMES: Readonly<Record<ChannelOrgKind, string>> = {
  dealer: '经销商',
  wholesaler: '批发商',
  store: '门店',
};

export interface OrgForm {
  kind: ChannelOrgKind;
  name: string;
  upstreamId: string;
  /** Six digits, typed or picked. */
  regionCode: string;
  territory: string[];
}

export type OrgField = 'kind' | 'name' | 'upstreamId' | 'regionCode' | 'territory';
export type OrgErrors = Partial<Record<OrgField | 'form', string>>;

export const ORG_FIELDS: FieldSpecs = {
  kind: { label: '类型' },
  name: { label: '名称' },
  upstreamId: { label: '上级供货方' },
  regionCode: { label: '所在地区' },
  territory: { label: '经营区域' },
};

export function emptyOrgForm(kind: ChannelOrgKind): OrgForm {
  return { kind, name: '', upstreamId: kind === 'dealer' ? BRAND_ORG_ID : '', regionCode: '', territory: [] };
}

/** Whether an org of this kind sells into a territory (a store sells where it stands). */
export function hasTerritory(kind: OrgKind): boolean {
  return kind === 'dealer' || kind === 'wholesaler';
}

/** Who may supply an org of `kind` (docs/channel.md#orgs): the brand, a dealer, or a dealer or wholesaler. */
export function upstreamOptions(kind: ChannelOrgKind, orgs: readonly OrgView[], brandName: string | null): Array<{ id: string; name: string; kind: OrgKind }> {
  if (kind === 'dealer') return [{ id: BRAND_ORG_ID, name: brandName ?? '品牌方', kind: 'brand' }];
  const kinds: readonly OrgKind[] = kind === 'wholesaler' ? ['dealer'] : ['dealer', 'wholesaler'];
  return orgs.filter((o) => kinds.includes(o.kind)).map((o) => ({ id: o.id, name: o.name, kind: o.kind }));
}

export function orgRequest(f: OrgForm): { ok: true; req: CreateOrgReq } | { ok: false; errors: OrgErrors } {
  // Everything left empty is named at once; then the server's schema checks what was filled in.
  const errors: OrgErrors = {};
  if (f.name.trim() === '') errors.name = '请填写名称';
  if (f.upstreamId === '') errors.upstreamId = '请选择上级供货方';
  if (f.regionCode.trim() === '') errors.regionCode = '请填写所在地区';
  if (hasTerritory(f.kind) && f.territory.length === 0) errors.territory = '请至少添加一个经营区域';
  // Each filled-in field against its own rule (the request schema stops at the first problem).
  const mark = (p: FieldProblem | null) => {
    if (p !== null) errors[p.field as OrgField] ??= p.message;
  };
  if (f.name.trim() !== '') mark(checkField(fields.name(), f.name, 'name', ORG_FIELDS));
  if (f.regionCode.trim() !== '') mark(checkField(fields.regionCode(), f.regionCode.trim(), 'regionCode', ORG_FIELDS));
  if (hasTerritory(f.kind) && f.territory.length > 0) mark(checkField(fields.territory(), f.territory, 'territory', ORG_FIELDS));
  const raw: Record<string, unknown> = { kind: f.kind, name: f.name, upstreamId: f.upstreamId === '' ? 'x' : f.upstreamId, regionCode: f.regionCode.trim() };
  if (hasTerritory(f.kind) && f.territory.length > 0) raw['territory'] = f.territory;
  const parsed = parseRequest('channel', 'createOrg', raw);
  if (!parsed.ok) {
    const p = describeProblem(parsed.error.field, parsed.error.message, ORG_FIELDS);
    errors[p.field as OrgField] ??= p.message;
  }
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, req: parsed.data };
}

export interface InviteState {
  orgId: string | null;
  role: Role | null;
  status: 'idle' | 'submitting' | 'done' | 'failed';
  result: InviteRes | null;
  error: ClientError | null;
}

const EMPTY_INVITE: InviteState = { orgId: null, role: null, status: 'idle', result: null, error: null };

export interface OrgsState {
  form: OrgForm;
  errors: OrgErrors;
  status: 'idle' | 'submitting' | 'failed' | 'done';
  error: ClientError | null;
  created: { orgId: string; name: string; kind: ChannelOrgKind } | null;
  /** The key of the current form's request: kept after a failure that a retry may repair. */
  intent: Intent | null;
  invite: InviteState;

  startForm(kind: ChannelOrgKind): void;
  setField<K extends keyof OrgForm>(field: K, value: OrgForm[K]): void;
  addTerritory(code: string): void;
  removeTerritory(code: string): void;
  submit(): Promise<void>;

  /** Opens the invite panel for one org (clears an earlier org's code). */
  openInvite(orgId: string, kind: OrgKind): void;
  setInviteRole(role: Role): void;
  generateInvite(): Promise<void>;
}

export interface OrgsDeps {
  client: Client;
  reloadOrgs: () => Promise<OrgView[] | null>;
}

export function createOrgsStore(deps: OrgsDeps) {
  return createStore<OrgsState>()((set, get) => {
    const done = (orgId: string, req: CreateOrgReq) =>
      set({ status: 'done', created: { orgId, name: req.name, kind: req.kind }, form: emptyOrgForm(req.kind), intent: null, errors: {}, error: null });

    return {
      form: emptyOrgForm('dealer'),
      errors: {},
      status: 'idle',
      error: null,
      created: null,
      intent: null,
      invite: EMPTY_INVITE,

      startForm(kind) {
        const s = get();
        if (s.status === 'submitting') return;
        // Coming back to an unfinished form of the same kind keeps what was typed.
        if (s.form.kind === kind && s.status !== 'done') return;
        set({ form: emptyOrgForm(kind), errors: {}, status: 'idle', error: null, created: null, intent: null });
      },

      setField(field, value) {
        const s = get();
        if (s.status === 'submitting') return;
        const rest: Record<string, string> = { ...(s.errors as Record<string, string>) };
        delete rest[field];
        delete rest['form'];
        let form: OrgForm = { ...s.form, [field]: value };
        if (field === 'kind' && value !== s.form.kind) {
          // A different kind has different suppliers; the name, region and territory are kept.
          const kind = value as ChannelOrgKind;
          form = { ...form, upstreamId: emptyOrgForm(kind).upstreamId, territory: hasTerritory(kind) ? form.territory : [] };
          delete rest['upstreamId'];
        }
        set({ form, errors: rest, status: 'idle', error: null, intent: null });
      },

      addTerritory(code) {
        const s = get();
        if (s.status === 'submitting' || s.form.territory.includes(code)) return;
        const { territory: _fixed, ...rest } = s.errors;
        set({ form: { ...s.form, territory: [...s.form.territory, code] }, errors: rest, status: 'idle', error: null, intent: null });
      },

      removeTerritory(code) {
        const s = get();
        if (s.status === 'submitting') return;
        set({ form: { ...s.form, territory: s.form.territory.filter((c) => c !== code) }, status: 'idle', error: null, intent: null });
      },

      async submit() {
        const s = get();
        if (s.status === 'submitting') return;
        const built = orgRequest(s.form);
        if (!built.ok) {
          set({ errors: built.errors, status: 'idle', error: null });
          return;
        }
        const req = built.req;
        const intent = s.intent ?? deps.client.newIntent();
        set({ errors: {}, status: 'submitting', error: null, intent });
        const r = await deps.client.channel.createOrg(req, { intent });
        if (r.ok) {
          await deps.reloadOrgs();
          done(r.data.orgId, req);
          return;
        }
        const problem = problemFromReply(r.error, ORG_FIELDS);
        if (problem !== null) {
          set({ status: 'idle', errors: { [problem.field]: problem.message }, error: null, intent: null });
          return;
        }
        set({ status: 'failed', error: r.error, intent: isRetryable(r.error) ? intent : null });
      },

      openInvite(orgId, kind) {
        const inv = get().invite;
        if (inv.status === 'submitting') return;
        if (inv.orgId === orgId) return;
        const roles = ROLES_BY_ORG_KIND[kind];
        // The usual first invite: an org's owner (or, for the brand, an inspector).
        const role: Role = kind === 'brand' ? 'inspector' : roles.includes('owner') ? 'owner' : roles[0]!;
        set({ invite: { ...EMPTY_INVITE, orgId, role } });
      },

      setInviteRole(role) {
        const inv = get().invite;
        if (inv.status === 'submitting') return;
        set({ invite: { ...inv, role, status: 'idle', result: null, error: null } });
      },

      async generateInvite() {
        const inv = get().invite;
        if (inv.status === 'submitting' || inv.orgId === null || inv.role === null) return;
        set({ invite: { ...inv, status: 'submitting', error: null } });
        // An extra unused invite is harmless, so a retry simply asks for a new code.
        const r = await deps.client.channel.invite({ orgId: inv.orgId, role: inv.role });
        const now = get().invite;
        if (now.orgId !== inv.orgId) return;
        set({ invite: r.ok ? { ...now, status: 'done', result: r.data, error: null } : { ...now, status: 'failed', error: r.error } });
      },
    };
  });
}
