/**
 * Where a shipment goes: the chosen org on a card (with 「更换」), or the list to pick it from.
 * Test ids (with `idPrefix` 'target' or 'dealer'): target-card, target-name, target-change,
 * <idPrefix>s, <idPrefix>-<orgId>, <idPrefix>s-loading, <idPrefix>s-error(-retry), <idPrefix>s-empty.
 */
import { Text } from '@tarojs/components';
import { Card } from '../card';
import { Cell, List } from '../cell';
import { Empty } from '../empty';
import { ErrorNote } from '../error-note';
import { Loading } from '../loading';
import { Tag } from '../tag';
import type { Load } from '../kit/load';
import type { Target } from '../kit/scan-list';

export interface TargetOrg {
  id: string;
  name: string;
}

export interface TargetPickerProps<O extends TargetOrg> {
  orgs: Load<O[]>;
  target: Target | null;
  onPick: (o: O) => void;
  onReload: () => void;
  /** The line under an org's name (kind, region). */
  describe: (o: O) => string;
  idPrefix: string;
  /** 「选择收货方」 */
  title: string;
  loadingText: string;
  emptyTitle: string;
  emptyText: string;
}

export function TargetPicker<O extends TargetOrg>(p: TargetPickerProps<O>) {
  const { orgs } = p;
  if (orgs.status === 'idle' || orgs.status === 'loading') return <Loading text={p.loadingText} testId={`${p.idPrefix}s-loading`} />;
  if (orgs.status === 'error') return <ErrorNote text={orgs.error.userMessage} onRetry={p.onReload} testId={`${p.idPrefix}s-error`} />;
  if (orgs.value.length === 0) return <Empty title={p.emptyTitle} description={p.emptyText} testId={`${p.idPrefix}s-empty`} />;
  return (
    <List title={p.title} testId={`${p.idPrefix}s`}>
      {orgs.value.map((o) => (
        <Cell
          key={o.id}
          title={o.name}
          label={p.describe(o)}
          value={o.id === p.target?.orgId ? <Tag tone='success'>已选</Tag> : undefined}
          onClick={() => p.onPick(o)}
          testId={`${p.idPrefix}-${o.id}`}
        />
      ))}
    </List>
  );
}

export function TargetCard({ title, target, sending, onChange }: { title: string; target: Target; sending: boolean; onChange: () => void }) {
  return (
    <Card
      title={title}
      testId='target-card'
      extra={
        // The handler stays bound while sending (a <Text> losing its last listener throws on weapp).
        <Text
          className={sending ? 'cr-scanlist__link cr-scanlist__remove--off' : 'cr-scanlist__link'}
          onClick={() => {
            if (!sending) onChange();
          }}
          data-testid='target-change'
        >
          更换
        </Text>
      }
    >
      <Text className='cr-scanlist__target' data-testid='target-name'>
        {target.name}
      </Text>
    </Card>
  );
}
