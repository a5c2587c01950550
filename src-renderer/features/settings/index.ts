import './settings.css';
export { SettingsButton } from './SettingsButton';
export { SettingsDialog, type SettingsDialogProps } from './SettingsDialog';
