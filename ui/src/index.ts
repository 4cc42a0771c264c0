/**
 * @channel-router/ui — the small design system shared by the four mini-programs.
 * Taro components (weapp + h5); logic in plain `.ts` beside each view, tested in Node.
 */
export { cx, modifiers } from './cx';
export { Page, type PageProps } from './page';
export { Button, type ButtonProps } from './button';
export { Cell, List, type CellProps, type ListProps } from './cell';
export { Card, type CardProps } from './card';
export { Field, type FieldProps } from './field';
export { sanitizeAmountTyping } from './field/logic';
export { Amount, type AmountProps } from './amount';
export { amountParts } from './amount/logic';
export { Empty, type EmptyProps } from './empty';
export { Loading, type LoadingProps } from './loading';
export { Result, type ResultProps, type ResultStatus } from './result';
export { toast, confirm, type ConfirmOptions, type ToastKind } from './feedback';
export { Tag, type TagTone } from './tag';
export { Header, type HeaderProps } from './header';
export { ScanButton, type ScanButtonProps } from './scan-button';
export { canUseCamera, cleanScanned, isScanCancel } from './scan-button/logic';
export { Tabs, type TabsProps } from './tabs';
export * from './app-kit';
export { AppShell, type AppShellProps } from './shell';
export { ErrorNote, type ErrorNoteProps } from './error-note';
export { ScanListPanel, type ScanListPanelProps } from './scan-list';
export { TargetCard, TargetPicker, type TargetOrg, type TargetPickerProps } from './scan-list/target';
export { ScanInput, type ScanInputProps } from './scan-list/scan-input';
export { WalletPanel, type WalletPanelProps } from './wallet';
export * from './ordering/buy';
export * from './ordering/sell';
export * from './promotions';
