import { View, Text } from '@tarojs/components';
import type { AppName, Client } from '@channel-router/shared/client';
import { Page } from '../page';
import { Header } from '../header';
import { Card } from '../card';
import { Cell, List } from '../cell';
import { Loading } from '../loading';
import { Empty } from '../empty';
import { Button } from '../button';
import { Tag } from '../tag';
import { useQuery } from '../app-kit/use-query';
import { useRequireLogin } from '../app-kit/use-require-login';
import { membershipLabel } from '../app-kit/role-labels';

export interface AppShellProps {
  app: AppName;
  client: Client;
  title: string;
  subtitle: string;
  /** The flows this app will offer; listed as "coming" until their pages exist. */
  flows: ReadonlyArray<{ key: string; title: string; description: string }>;
  /** What to do when the person belongs to no org yet. */
  emptyHint?: string;
}

/**
 * The scaffold home of an app whose pages are still being written: who you are (`channel.me`)
 * and the flows to come. Replaced page by page.
 */
export function AppShell({ app, client, title, subtitle, flows, emptyHint = '请向上级索取邀请码' }: AppShellProps) {
  const ready = useRequireLogin(app);
  const me = useQuery(() => client.channel.me({}), ready);
  return (
    <Page testId={`${app}-home`}>
      <Header title={title} subtitle={subtitle} />
      <Card title='我的身份' testId='me'>
        {!ready || me.status === 'loading' ? <Loading /> : null}
        {me.status === 'error' ? (
          <View>
            <Text className='cr-muted'>{me.error.userMessage}</Text>
            <Button size='small' onClick={me.reload}>重试</Button>
          </View>
        ) : null}
        {me.status === 'ready' ? (
          me.data.memberships.length === 0 ? (
            <Empty title='还没有加入任何组织' description={emptyHint} />
          ) : (
            <View>
              {me.data.memberships.map((m) => (
                <View key={`${m.orgId}:${m.role}`} className='cr-row cr-row--between'>
                  <Text>{m.orgName ?? m.orgId}</Text>
                  <Tag tone='primary'>{membershipLabel(m.kind, m.role)}</Tag>
                </View>
              ))}
            </View>
          )
        ) : null}
      </Card>
      <List title='功能'>
        {flows.map((f) => (
          <Cell key={f.key} title={f.title} label={f.description} value={<Tag>即将上线</Tag>} testId={`flow-${f.key}`} />
        ))}
      </List>
    </Page>
  );
}
