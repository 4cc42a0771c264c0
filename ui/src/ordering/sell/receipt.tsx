/**
 * A transfer's bank receipt image from cloud storage. Given `url` (the signed temporary link
 * `order.transfers` answers), it is shown as is, on H5 and weapp alike. Without one, weapp asks
 * for a temporary URL itself (`Taro.cloud.getTempFileURL`); H5 has no way to sign a download, so
 * it names the file (the 转账确认 screen has the link). Tapping the image previews it full screen.
 * Test ids: receipt-<paymentId>, receipt-<paymentId>-image.
 */
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';

export function ReceiptImage({ fileId, paymentId, url: signed = null }: { fileId: string | null; paymentId: string; url?: string | null }) {
  const [url, setUrl] = useState<string | null>(signed);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setUrl(signed);
    setFailed(false);
    if (signed !== null || fileId === null || process.env.TARO_ENV !== 'weapp') return;
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
  }, [fileId, signed]);
  if (fileId === null) return <Text className='cr-sell-bad' data-testid={`receipt-${paymentId}`}>买方没有上传转账凭证</Text>;
  return (
    <View data-testid={`receipt-${paymentId}`}>
      {url !== null && !failed ? (
        <Image
          className='cr-sell-img'
          src={url}
          mode='widthFix'
          onError={() => setFailed(true)}
          onClick={() => void Taro.previewImage({ urls: [url] })}
          data-testid={`receipt-${paymentId}-image`}
        />
      ) : (
        <Text className='cr-sell-note'>{failed ? '凭证图片暂时打不开，请稍后再试' : process.env.TARO_ENV === 'weapp' ? '正在加载凭证图片…' : `转账凭证：${fileId.split('/').pop() ?? fileId}（请在小程序中查看图片）`}</Text>
      )}
    </View>
  );
}
