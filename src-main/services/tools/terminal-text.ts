// One implementation for the host and the renderer (the setup log shows the same plain text).
export { plainTerminalText } from '../../../src-shared/terminal/plain-terminal-text';
