import { Input, View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import { cx } from '../cx';
import { fieldId, MAX_FIELD_LENGTH, sanitizeAmountTyping } from './logic';

export interface FieldProps {
  /** Identifier, used for ids and tests (`.cr-field--<name>`). */
  name: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** Called on the keyboard's "done"/"go" key. */
  onConfirm?: () => void;
  placeholder?: string;
  /** Shown in red under the input; the field turns red. */
  error?: string | null;
  /** Grey help under the input when there is no error. */
  hint?: ReactNode;
  /** `amount`: yuan with up to two decimals (digit keyboard). */
  type?: 'text' | 'number' | 'amount' | 'idcard';
  maxlength?: number;
  disabled?: boolean;
  /** Something at the right of the input (a unit, a button). */
  suffix?: ReactNode;
}

export function Field(p: FieldProps) {
  const id = fieldId(p.name);
  const inputType = p.type === 'amount' ? 'digit' : p.type === 'number' ? 'number' : p.type === 'idcard' ? 'idcard' : 'text';
  const hasError = typeof p.error === 'string' && p.error !== '';
  return (
    <View className={cx('cr-field', `cr-field--${p.name}`, hasError && 'cr-field--error')}>
      <Text className='cr-field__label' id={`${id}-label`}>{p.label}</Text>
      <View className='cr-field__control'>
        <Input
          className='cr-field__input'
          id={id}
          type={inputType}
          value={p.value}
          placeholder={p.placeholder}
          maxlength={Math.min(p.maxlength ?? MAX_FIELD_LENGTH, MAX_FIELD_LENGTH)}
          disabled={p.disabled === true}
          confirmType='done'
          onInput={(e) => {
            const v = e.detail.value;
            p.onChange(p.type === 'amount' ? sanitizeAmountTyping(v) : v);
          }}
          onConfirm={() => p.onConfirm?.()}
        />
        {p.suffix}
      </View>
      {hasError ? (
        <Text className='cr-field__error' data-testid={`${p.name}-error`}>{p.error}</Text>
      ) : p.hint !== undefined ? (
        <Text className='cr-field__hint'>{p.hint}</Text>
      ) : null}
    </View>
  );
}
