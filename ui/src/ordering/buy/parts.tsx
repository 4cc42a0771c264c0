/**
 * Small pieces of the buying screens: the quantity stepper, the bottom action bar (the primary
 * action within thumb reach), a photo strip with upload, and a count badge.
 */
import { View, Text, Input } from '@tarojs/components';
import { useState, type PropsWithChildren, type ReactNode } from 'react';
import type { ImageUploader } from '@channel-router/shared/client';
import { clampQuantity } from '../../kit/ordering-buy';
import { toast } from '../../feedback';
import { cx } from '../../cx';
import { pickAndUpload } from './upload';

export interface StepperProps {
  value: number;
  onChange: (q: number) => void;
  /** The unit word after the number (箱/盒/件). */
  unit?: string;
  max?: number;
  disabled?: boolean;
  testId?: string;
}

/** − n + in order units; the number can be typed. `0` shows only "+". */
export function Stepper({ value, onChange, unit, max, disabled, testId }: StepperProps) {
  const limit = max ?? Number.MAX_SAFE_INTEGER;
  const set = (q: number) => {
    if (disabled === true) return;
    onChange(Math.min(limit, clampQuantity(q)));
  };
  return (
    <View className={cx('cr-stepper', disabled === true && 'cr-stepper--off')} data-testid={testId} data-value={value}>
      {value > 0 ? (
        <>
          <Text className='cr-stepper__btn' onClick={() => set(value - 1)} data-testid={testId === undefined ? undefined : `${testId}-minus`}>−</Text>
          <Input
            className='cr-stepper__input'
            type='number'
            value={String(value)}
            onBlur={(e) => set(Number(e.detail.value))}
            onConfirm={(e) => set(Number(e.detail.value))}
          />
          {unit !== undefined ? <Text className='cr-stepper__unit'>{unit}</Text> : null}
        </>
      ) : null}
      <Text className={cx('cr-stepper__btn', 'cr-stepper__btn--plus', value >= limit && 'cr-stepper__btn--off')} onClick={() => set(value + 1)} data-testid={testId === undefined ? undefined : `${testId}-plus`}>+</Text>
    </View>
  );
}

/** Fixed to the bottom of the screen: a summary on the left, the primary action on the right. */
export function BottomBar({ left, children, testId }: PropsWithChildren<{ left?: ReactNode; testId?: string }>) {
  return (
    <>
      <View className='cr-bottombar__spacer' />
      <View className='cr-bottombar' data-testid={testId}>
        <View className='cr-bottombar__left'>{left}</View>
        <View className='cr-bottombar__action'>{children}</View>
      </View>
    </>
  );
}

export function CountBadge({ n, testId }: { n: number; testId?: string }) {
  if (n <= 0) return null;
  return <Text className='cr-badge' data-testid={testId}>{n > 99 ? '99+' : n}</Text>;
}

export interface PhotoStripProps {
  uploader: ImageUploader;
  fileIds: string[];
  onAdd: (fileId: string) => void;
  onRemove?: (fileId: string) => void;
  max: number;
  addText?: string;
  testId?: string;
}

/** Uploaded photos (shown as ✓ tiles: a fileID is not a link) and an "add" tile while under `max`. */
export function PhotoStrip({ uploader, fileIds, onAdd, onRemove, max, addText, testId }: PhotoStripProps) {
  const [busy, setBusy] = useState(false);
  const add = async () => {
    if (busy) return;
    setBusy(true);
    const r = await pickAndUpload(uploader);
    setBusy(false);
    if (r === null) return;
    if (r.ok) onAdd(r.data.fileID);
    else toast(r.error.userMessage, 'fail');
  };
  return (
    <View className='cr-photos' data-testid={testId}>
      {fileIds.map((f, i) => (
        <View key={f} className='cr-photos__tile cr-photos__tile--done' data-testid={`${testId ?? 'photo'}-${i}`}>
          <Text className='cr-photos__check'>✓ 已上传</Text>
          {onRemove !== undefined ? <Text className='cr-photos__remove' onClick={() => onRemove(f)}>删除</Text> : null}
        </View>
      ))}
      {fileIds.length < max ? (
        <View className='cr-photos__tile cr-photos__tile--add' onClick={() => void add()} data-testid={`${testId ?? 'photo'}-add`}>
          <Text className='cr-photos__plus'>{busy ? '上传中…' : '+'}</Text>
          <Text className='cr-photos__hint'>{addText ?? '上传照片'}</Text>
        </View>
      ) : null}
    </View>
  );
}

