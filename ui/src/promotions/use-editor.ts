/**
 * What the promotion and rebate-program editors share: the form loaded (a new one at once, an
 * existing one by a read), edits that clear the last failure and start a new intent, problems by
 * field, and saving with a retry key that a 「重试」 reuses (so a save that timed out but landed is
 * not made twice). Then back to the list on success.
 */
import { useEffect, useState } from 'react';
import type { ClientError, Intent } from '@channel-router/shared/client';
import { toast } from '../feedback';
import { isRetryable } from '../kit/load';
import type { FieldErrors } from '../kit/promotions/form';
import { forgetPromoRefs } from './context';

type Loaded<F> = { ok: true; form: F } | { ok: false; text: string };
type Sent = { ok: true } | { ok: false; error: ClientError };
/** A checked form: what to send with the intent's key, or the problems to show. */
export type Checked = { ok: true; send: (key: Intent) => Promise<Sent> } | { ok: false; errors: FieldErrors };

export interface EditorOptions<F> {
  /** The form to start from, or null while an existing one loads with `load`. */
  initial: F | null;
  load: () => Promise<Loaded<F>>;
  /** What identifies the edited item: a change loads again. */
  loadKey: string | undefined;
  newIntent: () => Intent;
  /** Where the reply's error lands on the form; by default on its field. */
  replyErrors?: (e: ClientError, form: F) => FieldErrors | null;
  onSaved: () => void;
}

export function useEditor<F>(o: EditorOptions<F>) {
  const [form, setForm] = useState<F | null>(o.initial);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<{ text: string; retryable: boolean } | null>(null);
  const [intent, setIntent] = useState<Intent | null>(null);

  const reload = () => {
    if (o.loadKey === undefined) return;
    setLoadError(null);
    void o.load().then((r) => (r.ok ? setForm(r.form) : setLoadError(r.text)));
  };
  useEffect(reload, [o.loadKey]);

  const set = (patch: Partial<F>) => {
    if (form === null) return;
    setForm({ ...form, ...patch });
    // An edited form is a new intent: its save gets a new retry key.
    setIntent(null);
    setFailure(null);
  };

  const save = async (retry: boolean, checked: Checked) => {
    if (saving) return;
    if (!checked.ok) {
      setErrors(checked.errors);
      toast('请检查标红的内容', 'fail');
      return;
    }
    setErrors({});
    const key = retry && intent !== null ? intent : o.newIntent();
    setIntent(key);
    setSaving(true);
    const r = await checked.send(key);
    setSaving(false);
    if (r.ok) {
      forgetPromoRefs();
      toast('已保存', 'success');
      o.onSaved();
      return;
    }
    const onFields = o.replyErrors && form !== null ? o.replyErrors(r.error, form) : r.error.field !== undefined ? { [r.error.field]: r.error.userMessage } : null;
    if (onFields !== null) setErrors(onFields);
    setFailure({ text: `保存没有完成：${r.error.userMessage}`, retryable: isRetryable(r.error) });
  };

  return { form, loadError, reload, set, errors, err: (path: string) => errors[path] ?? null, saving, failure, save };
}
