/**
 * Picking a photo and uploading it (docs/storage.md#uploads-from-the-apps): a transfer's bank
 * receipt, a return's photos. h5 posts the bytes to the gateway; weapp uploads with
 * `wx.cloud.uploadFile` into the caller's own folder. Failures are values (`userMessage`).
 */
import Taro from '@tarojs/taro';
import {
  createCloudUploadTransport,
  createGatewayUploadTransport,
  createImageUploader,
  newIntent,
  type AppName,
  type ClientResult,
  type ImageUploader,
  type UploadedImage,
} from '@channel-router/shared/client';
import { getToken } from '../../app-kit/session';

/**
 * `openId`: who the weapp upload belongs to (the folder the functions check); the h5 gateway
 * chooses the folder from the session itself.
 */
export function createAppUploader(app: AppName, openId: () => string | null = () => null): ImageUploader {
  if (process.env.TARO_ENV === 'h5') {
    return createImageUploader(createGatewayUploadTransport({ baseUrl: API_BASE_URL, getToken: () => getToken(app), fetch: (url, init) => fetch(url, init as RequestInit) }));
  }
  return createImageUploader(
    createCloudUploadTransport({
      uploadFile: (o) => Taro.cloud.uploadFile(o) as Promise<{ fileID?: unknown }>,
      owner: () => {
        const id = openId();
        return id === null ? null : { app, openId: id };
      },
      newId: () => newIntent().replace(/^i-/, ''),
    }),
  );
}

const TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

function typeOf(path: string, given?: string): string {
  if (given !== undefined && given !== '') return given;
  const ext = /\.([a-z0-9]+)(?:\?|$)/i.exec(path)?.[1]?.toLowerCase() ?? 'jpg';
  return TYPES[ext] ?? 'image/jpeg';
}

/** Lets the person pick (or take) one photo and uploads it; null when they cancelled. */
export async function pickAndUpload(uploader: ImageUploader): Promise<ClientResult<UploadedImage> | null> {
  let chosen: Taro.chooseImage.SuccessCallbackResult;
  try {
    chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  } catch {
    return null;
  }
  const file = chosen.tempFiles[0];
  if (file === undefined) return null;
  if (process.env.TARO_ENV === 'h5') {
    // h5: the picked file is a blob: URL; its bytes are the request body.
    const blob = (file as { originalFileObj?: Blob }).originalFileObj ?? (await (await fetch(file.path)).blob());
    return uploader.uploadImage({ contentType: typeOf(file.path, blob.type), size_bytes: blob.size, data: blob });
  }
  return uploader.uploadImage({ contentType: typeOf(file.path, (file as { type?: string }).type), size_bytes: file.size, path: file.path });
}
