import './editors.css';
export { EditorSettingsPanel } from './EditorSettingsPanel';
export { OpenInEditorButton } from './OpenInEditorButton';
