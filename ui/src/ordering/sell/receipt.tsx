/**
 * A transfer's bank receipt image from cloud storage. On weapp the fileID becomes a temporary URL
 * (`Taro.cloud.getTempFileURL`); tapping previews it full screen. The h5 build has no way to sign
 * a download yet (no function answers one), so it names the file.
 * Test ids: receipt-<paymentId>, receipt-<paymentId>-image.
 */
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';

export function ReceiptImage({ fileId, paymentId }: { fileId: string | null; paymentId: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (fileId === null || process.env.TARO_ENV !== 'weapp') return;
    let live = true;
    Taro.cloud
      .getTempFileURL({ fileList: [fileId] })
      .then((r) => {
        const u = r.fileList[0]?.tempFileURL ?? '';
        if (live) (u !== '' ? setUrl(u) : setFailed(true));
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [fileId]);
  if (fileId === null) return <Text className='cr-sell-bad' data-testid={`receipt-${paymentId}`}>买方没有上传转账凭证</Text>;
  return (
    <View data-testid={`receipt-${paymentId}`}>
      {url !== null ? (
        <Image className='cr-sell-img' src={url} mode='widthFix' onClick={() => void Taro.previewImage({ urls: [url] })} data-testid={`receipt-${paymentId}-image`} />
      ) : (
        <Text className='cr-sell-note'>{failed ? '凭证图片暂时打不开，请稍后再试' : process.env.TARO_ENV === 'weapp' ? '正在加载凭证图片…' : `转账凭证：${fileId.split('/').pop() ?? fileId}（请在小程序中查看图片）`}</Text>
      )}
    </View>
  );
}
