/**
 * Getting a CSV file's text in and out of the app. h5: a file picker and a browser download
 * (Blob + <a download>); weapp: a file from a chat (`chooseMessageFile`, read as UTF-8), and the
 * text copied for pasting (a mini-program cannot save into the phone's files).
 */
import Taro from '@tarojs/taro';

/** Largest file read (the server takes 80,000 characters). */
const MAX_FILE_BYTES = 256 * 1024;

export async function pickCsvText(): Promise<string | null> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.csv,text/csv';
      input.onchange = () => {
        const f = input.files?.[0];
        if (f === undefined || f.size > MAX_FILE_BYTES) return resolve(null);
        void f.text().then(resolve, () => resolve(null));
      };
      input.click();
    });
  }
  try {
    const r = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv'] });
    const f = r.tempFiles[0];
    if (f === undefined || f.size > MAX_FILE_BYTES) return null;
    const data = Taro.getFileSystemManager().readFileSync(f.path, 'utf8');
    return typeof data === 'string' ? data : null;
  } catch {
    return null;
  }
}

/** h5: downloads the file; weapp: copies the text. Resolves to what happened, for the toast. */
export async function saveCsv(filename: string, csv: string): Promise<'downloaded' | 'copied' | 'failed'> {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.setAttribute('data-testid', 'csv-download-link');
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return 'downloaded';
  }
  try {
    await Taro.setClipboardData({ data: csv });
    return 'copied';
  } catch {
    return 'failed';
  }
}
