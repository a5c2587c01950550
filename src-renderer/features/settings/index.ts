import './settings.css';
export { SettingsButton } from './SettingsButton';
export { SettingsDialog, type SettingsDialogProps } from './SettingsDialog';
export { useSettingsStore, type SettingsSection } from './settings-store';
