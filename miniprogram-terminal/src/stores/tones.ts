/** Tag colours, as the UI kit names them (stores import no UI code). */
export type TagTone = 'default' | 'success' | 'warning' | 'danger' | 'primary';
