/** The kit's tag tones, restated here so stores stay free of Taro imports (they run in Node tests). */
export type TagTone = 'default' | 'success' | 'warning' | 'danger' | 'primary';
