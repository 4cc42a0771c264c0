/*
 * One batch: what it holds and its codes. Batches of up to 100 cases show the tree of cases,
 * boxes and items (only the open case and box are drawn); every batch has a print file, made
 * on the server side with the command shown.
 *
 * data-testids: batch-detail (page), batch-loading, batch-missing, batch-info, print-file-note,
 * print-command, print-copy, codes-tree, tree-loading, export-error(-retry), case-<i>,
 * box-<i>, item-<code>, print-file-link.
 */
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useStore } from 'zustand';
import { Button, Card, Cell, Empty, List, Loading, toast, ErrorNote } from '@channel-router/ui';
import type { BatchView, ExportedCase } from '@channel-router/shared/api';
import { batchesStore, currentNames, directoryStore } from '../../services/app';
import { Screen } from '../../components/screen';
import { countsText, EXPORT_TREE_MAX_CASES, exportMode, printCommand } from '../../stores/batches';
import { groupedCode, timeText } from '../../stores/labels';
import { valueOf } from '@channel-router/ui/kit';
import './index.css';

function copy(text: string) {
  Taro.setClipboardData({ data: text })
    .then(() => toast('已复制', 'success'))
    .catch(() => toast('复制失败，请手动抄写'));
}

function PrintFileNote({ batch }: { batch: BatchView }) {
  const large = exportMode(batch) === 'print-file';
  const command = printCommand(batch.id);
  return (
    <Card title='印刷文件' testId='print-file-note'>
      <Text className='ad-note'>
        {large
          ? `此批次有 ${batch.cases} 箱，超过 ${EXPORT_TREE_MAX_CASES} 箱的批次不在手机上逐个列出。`
          : '交给印刷厂时请使用印刷文件。'}
        印刷文件是 CSV：每行一个码（箱码、盒码、单品码及其瓶盖内领奖码），按装箱顺序排列，由系统管理员在服务器上生成：
      </Text>
      <Text className='batch__command ad-mono' selectable userSelect data-testid='print-command'>{command}</Text>
      <View className='ad-row-buttons'>
        <Button size='small' onClick={() => copy(command)} testId='print-copy'>复制命令</Button>
      </View>
    </Card>
  );
}

function Tree({ cases }: { cases: readonly ExportedCase[] }) {
  const exp = useStore(batchesStore, (s) => s.export);
  const { toggleCase, toggleBox } = batchesStore.getState();
  return (
    <List title={`码（共 ${cases.length} 箱，点开查看）`} testId='codes-tree'>
      {cases.map((c, ci) => (
        <View key={c.code}>
          <Cell
            title={<Text className='ad-mono batch__code-title'>{`箱 ${ci + 1} · ${groupedCode(c.code)}`}</Text>}
            label={`${c.boxes.length} 盒`}
            value={<Text className='cr-muted'>{exp.openCase === ci ? '收起' : '展开'}</Text>}
            onClick={() => toggleCase(ci)}
            testId={`case-${ci}`}
          />
          {exp.openCase === ci
            ? c.boxes.map((b, bi) => (
                <View key={b.code} className='batch__box'>
                  <Cell
                    title={<Text className='ad-mono batch__code-title'>{`盒 ${bi + 1} · ${groupedCode(b.code)}`}</Text>}
                    label={`${b.items.length} 件`}
                    value={<Text className='cr-muted'>{exp.openBox === bi ? '收起' : '展开'}</Text>}
                    onClick={() => toggleBox(bi)}
                    testId={`box-${bi}`}
                  />
                  {exp.openBox === bi
                    ? b.items.map((it, ii) => (
                        <View key={it.code} className='batch__item' data-testid={`item-${it.code}`}>
                          <Text className='batch__item-no'>{ii + 1}</Text>
                          <View className='batch__item-codes'>
                            <Text className='ad-mono' selectable userSelect>外码 {groupedCode(it.code)}</Text>
                            <Text className='ad-mono batch__hidden' selectable userSelect>领奖码 {groupedCode(it.hiddenCode)}</Text>
                          </View>
                        </View>
                      ))
                    : null}
                </View>
              ))
            : null}
        </View>
      ))}
    </List>
  );
}

export default function BatchDetail() {
  const id = useRouter().params['id'] ?? '';
  const list = useStore(batchesStore, (s) => s.list);
  const exp = useStore(batchesStore, (s) => s.export);
  useStore(directoryStore, (s) => s.products);
  const batch = valueOf(list)?.find((b) => b.id === id) ?? null;
  const names = currentNames();

  const show = async () => {
    void directoryStore.getState().load();
    const s = batchesStore.getState();
    if (s.list.status !== 'ready' || !s.list.value.some((b) => b.id === id)) await s.load();
    const found = valueOf(batchesStore.getState().list)?.find((b) => b.id === id);
    if (found !== undefined) await batchesStore.getState().openExport(found);
  };

  let content;
  if (batch === null) {
    content =
      list.status === 'loading' ? (
        <Loading testId='batch-loading' />
      ) : list.status === 'error' ? (
        <ErrorNote text={list.error.userMessage} onRetry={() => void show()} testId='batch-error' />
      ) : (
        <Empty title='没有找到这个批次' testId='batch-missing' />
      );
  } else {
    const tree = exp.batchId === batch.id ? exp.tree : null;
    content = (
      <View>
        <Card title={`第 ${batch.batchNo} 批`} testId='batch-info'>
          <View className='ad-kv'><Text className='ad-kv__label'>商品</Text><Text className='ad-kv__value'>{names.product(batch.productId)}</Text></View>
          <View className='ad-kv'><Text className='ad-kv__label'>数量</Text><Text className='ad-kv__value'>{countsText(batch.counts)}</Text></View>
          <View className='ad-kv'><Text className='ad-kv__label'>生成时间</Text><Text className='ad-kv__value'>{timeText(batch.createdAt)}</Text></View>
          <View className='ad-kv'><Text className='ad-kv__label'>批次编号</Text><Text className='ad-kv__value'>{batch.id}</Text></View>
        </Card>
        {exp.batchId === batch.id && exp.file !== null ? (
          <Card title='印刷文件已生成' testId='print-file-link'>
            <Text className='ad-note'>{exp.file.rows} 行</Text>
            <Text className='batch__command ad-mono' selectable userSelect>{exp.file.url}</Text>
            <Button size='small' onClick={() => copy(exp.file!.url)}>复制链接</Button>
          </Card>
        ) : null}
        {tree?.status === 'loading' ? <Loading text='正在读取码…' testId='tree-loading' /> : null}
        {tree?.status === 'error' ? <ErrorNote text={tree.error.userMessage} onRetry={() => void batchesStore.getState().openExport(batch)} testId='export-error' /> : null}
        {tree?.status === 'ready' && tree.value.length > 0 ? <Tree cases={tree.value} /> : null}
        <PrintFileNote batch={batch} />
      </View>
    );
  }

  return (
    <Screen testId='batch-detail' title='批次详情' subtitle='导出码' access='admin' onShow={() => void show()}>
      {content}
    </Screen>
  );
}
