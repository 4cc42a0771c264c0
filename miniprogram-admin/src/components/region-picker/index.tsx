import { View, Text } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { Button, Field, Tag } from '@channel-router/ui';
import { checkRegionText, regionCrumbs, regionOptions, territoryEntryLabel } from '../../stores/regions';

interface PanelProps {
  /** Called with the code of the region the person settles on. */
  onPick: (code: string) => void;
  onClose: () => void;
  testId: string;
}

/**
 * Province → city → county as chips. Tapping a region goes one level down; 「选定」 takes the
 * region reached (a territory is often a whole province); a region with nothing below is taken
 * at once.
 */
function RegionPanel({ onPick, onClose, testId }: PanelProps) {
  const [path, setPath] = useState<string[]>([]);
  const current = path.length === 0 ? null : path[path.length - 1]!;
  const options = useMemo(() => regionOptions(current), [current]);
  const crumbs = regionCrumbs(path);

  const open = (code: string) => {
    if (regionOptions(code).length === 0) {
      onPick(code);
      return;
    }
    setPath([...path, code]);
  };

  return (
    <View className='ad-region-panel' data-testid={`${testId}-panel`}>
      <View className='ad-region-panel__crumbs'>
        <Text className='ad-region-panel__crumb' onClick={() => setPath([])} data-testid={`${testId}-crumb-root`}>全国</Text>
        {crumbs.map((c, i) => (
          <Text key={c.code} className='ad-region-panel__crumb' onClick={() => setPath(path.slice(0, i + 1))}>
            {` › ${c.name}`}
          </Text>
        ))}
      </View>
      <View className='ad-region-panel__options'>
        {options.map((o) => (
          <Text key={o.code} className='ad-region-panel__option' onClick={() => open(o.code)} data-testid={`${testId}-option-${o.code}`}>
            {o.name}
          </Text>
        ))}
      </View>
      <View className='ad-region-panel__actions'>
        {current !== null ? (
          <Button size='small' variant='primary' onClick={() => onPick(current)} testId={`${testId}-choose`}>
            选定「{crumbs[crumbs.length - 1]!.name}」
          </Button>
        ) : null}
        <Button size='small' variant='plain' onClick={onClose} testId={`${testId}-close`}>收起</Button>
      </View>
    </View>
  );
}

export interface RegionFieldProps {
  /** Field name (ids, tests): the input is `cr-field-<name>`. */
  name: string;
  label: string;
  /** Six digits, as typed or picked. */
  value: string;
  onChange: (code: string) => void;
  error?: string | null;
  testId: string;
  disabled?: boolean;
}

/** One region: typed as a six-digit code (its name shows as it is typed) or picked from the panel. */
export function RegionField({ name, label, value, onChange, error, testId, disabled }: RegionFieldProps) {
  const [open, setOpen] = useState(false);
  const check = checkRegionText(value);
  const hint = check.kind === 'ok' ? check.name : check.kind === 'bad' ? check.message : '输入 6 位地区码，或点「选择」';
  return (
    <View data-testid={testId}>
      <Field
        name={name}
        label={label}
        type='number'
        maxlength={6}
        value={value}
        onChange={onChange}
        placeholder='例如 440106'
        error={error}
        hint={<Text data-testid={`${testId}-name`} className={check.kind === 'bad' ? 'ad-text-danger' : undefined}>{hint}</Text>}
        disabled={disabled}
        suffix={
          <Button size='small' onClick={() => setOpen(!open)} disabled={disabled} testId={`${testId}-pick`}>
            {open ? '收起' : '选择'}
          </Button>
        }
      />
      {open ? (
        <RegionPanel
          testId={testId}
          onClose={() => setOpen(false)}
          onPick={(code) => {
            onChange(code);
            setOpen(false);
          }}
        />
      ) : null}
    </View>
  );
}

export interface TerritoryEditorProps {
  value: readonly string[];
  onAdd: (code: string) => void;
  onRemove: (code: string) => void;
  error?: string | null;
  testId: string;
  disabled?: boolean;
  /** Offers 「按所在地区」: the org's own region as its territory. */
  homeRegion?: string;
}

/** The regions a dealer or wholesaler may sell into: a list of entries, each added by code or picker. */
export function TerritoryEditor({ value, onAdd, onRemove, error, testId, disabled, homeRegion }: TerritoryEditorProps) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const check = checkRegionText(text);
  const add = (code: string) => {
    onAdd(code);
    setText('');
    setOpen(false);
  };
  const home = homeRegion !== undefined && checkRegionText(homeRegion).kind === 'ok' && !value.includes(homeRegion) ? homeRegion : null;
  return (
    <View className='ad-territory' data-testid={testId}>
      <Field
        name='territoryCode'
        label='经营区域'
        type='number'
        maxlength={6}
        value={text}
        onChange={setText}
        onConfirm={() => {
          if (check.kind === 'ok') add(check.code);
        }}
        placeholder='地区码，例如 440000'
        error={error}
        hint={check.kind === 'ok' ? check.name : check.kind === 'bad' ? check.message : '可以是整个省、整个市，或一个区县'}
        disabled={disabled}
        suffix={
          <View className='ad-row-gap'>
            <Button size='small' variant='primary' disabled={disabled === true || check.kind !== 'ok'} onClick={() => check.kind === 'ok' && add(check.code)} testId={`${testId}-add`}>
              添加
            </Button>
            <Button size='small' onClick={() => setOpen(!open)} disabled={disabled} testId={`${testId}-pick`}>
              {open ? '收起' : '选择'}
            </Button>
          </View>
        }
      />
      {open ? <RegionPanel testId={testId} onClose={() => setOpen(false)} onPick={add} /> : null}
      {home !== null ? (
        <Text className='ad-link' onClick={() => add(home)} data-testid={`${testId}-home`}>
          + 以所在地区为经营区域（{territoryEntryLabel(home)}）
        </Text>
      ) : null}
      <View className='ad-territory__entries'>
        {value.length === 0 ? <Text className='cr-muted'>还没有添加经营区域</Text> : null}
        {value.map((code) => (
          <View key={code} className='ad-territory__entry' data-testid={`${testId}-entry-${code}`}>
            <Tag tone='primary'>{territoryEntryLabel(code)}</Tag>
            {disabled === true ? null : (
              <Text className='ad-territory__remove' onClick={() => onRemove(code)} data-testid={`${testId}-remove-${code}`}>
                ✕
              </Text>
            )}
          </View>
        ))}
      </View>
    </View>
  );
}
