import type { EditorKind } from './editor-types';

/** An editor Braid knows how to open a folder with: the programs it installs on PATH, first match wins. */
export interface KnownEditor {
  id: string;
  name: string;
  kind: Exclude<EditorKind, 'custom'>;
  programs: readonly string[];
  /** Arguments before the folder (e.g. a new window). */
  args: readonly string[];
  /** How to get its command on PATH. */
  install: string;
}

const jetBrains = (id: string, name: string, program: string): KnownEditor => ({
  id,
  name,
  kind: 'editor',
  programs: [program],
  args: [],
  install: `Install ${name} and, in JetBrains Toolbox, turn on "Shell scripts" so \`${program}\` is on PATH.`,
});

/** The editors and the file manager of a platform, in the order "first available" picks from. */
export function knownEditors(platform: NodeJS.Platform): KnownEditor[] {
  const fileManager: KnownEditor =
    platform === 'darwin'
      ? { id: 'file-manager', name: 'Finder', kind: 'file-manager', programs: ['open'], args: [], install: 'macOS provides `open`.' }
      : platform === 'win32'
        ? { id: 'file-manager', name: 'File Explorer', kind: 'file-manager', programs: ['explorer'], args: [], install: 'Windows provides `explorer`.' }
        : { id: 'file-manager', name: 'File manager', kind: 'file-manager', programs: ['xdg-open'], args: [], install: 'Install xdg-utils (`xdg-open`).' };
  return [
    { id: 'vscode', name: 'VS Code', kind: 'editor', programs: ['code'], args: ['--new-window'], install: 'In VS Code, run "Shell Command: Install \'code\' command in PATH".' },
    { id: 'cursor', name: 'Cursor', kind: 'editor', programs: ['cursor'], args: ['--new-window'], install: 'In Cursor, run "Shell Command: Install \'cursor\' command in PATH".' },
    { id: 'zed', name: 'Zed', kind: 'editor', programs: ['zed', 'zeditor'], args: ['--new'], install: 'In Zed, run "cli: install" (or install the `zed` package).' },
    { id: 'vscodium', name: 'VSCodium', kind: 'editor', programs: ['codium'], args: ['--new-window'], install: 'Install VSCodium; its package puts `codium` on PATH.' },
    { id: 'sublime', name: 'Sublime Text', kind: 'editor', programs: ['subl'], args: ['--new-window'], install: 'Install Sublime Text and link `subl` into PATH.' },
    jetBrains('idea', 'IntelliJ IDEA', 'idea'),
    jetBrains('webstorm', 'WebStorm', 'webstorm'),
    jetBrains('pycharm', 'PyCharm', 'pycharm'),
    jetBrains('goland', 'GoLand', 'goland'),
    jetBrains('rustrover', 'RustRover', 'rustrover'),
    jetBrains('clion', 'CLion', 'clion'),
    jetBrains('rider', 'Rider', 'rider'),
    jetBrains('phpstorm', 'PhpStorm', 'phpstorm'),
    jetBrains('rubymine', 'RubyMine', 'rubymine'),
    fileManager,
  ];
}
