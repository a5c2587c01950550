import { memo, useCallback, useEffect, useRef } from 'react';
import { VirtualList, type VirtualListHandle } from '../../ui/VirtualList';
import { fileDescription, fileNotes, fileStatus } from './file-labels';
import { fileKey } from './file-navigation';
import type { DiffFile } from './review-types';

interface FileListProps {
  files: readonly DiffFile[];
  focusedKey: string | null;
  onFocusFile(key: string): void;
  /** Shown instead of rows when there are none. */
  empty: React.ReactNode;
  label?: string;
  /** A word to mark some files with, by path (an implement task's unplanned changes). */
  markers?: ReadonlyMap<string, string>;
}

const estimateHeight = () => 30;

/** The changed files, windowed (thousands stay smooth); the focused one is kept in view. */
export function FileList({ files, focusedKey, onFocusFile, empty, label = 'Changed files', markers }: FileListProps) {
  const list = useRef<VirtualListHandle>(null);
  useEffect(() => {
    if (focusedKey !== null) list.current?.revealKey(focusedKey);
  }, [focusedKey]);
  const renderItem = useCallback(
    (file: DiffFile) => <FileRow file={file} focused={fileKey(file) === focusedKey} onFocusFile={onFocusFile} marker={markers?.get(file.path)} />,
    [focusedKey, onFocusFile, markers],
  );
  return (
    <VirtualList
      ref={list}
      items={files}
      itemKey={fileKey}
      estimateHeight={estimateHeight}
      renderItem={renderItem}
      role="list"
      ariaLabel={label}
      className="file-list"
      followBottom={false}
      empty={empty}
    />
  );
}

const FileRow = memo(function FileRow({ file, focused, onFocusFile, marker }: { file: DiffFile; focused: boolean; onFocusFile(key: string): void; marker?: string }) {
  const status = fileStatus(file.status);
  const notes = fileNotes(file);
  const slash = file.path.lastIndexOf('/');
  const renamed = file.oldPath !== undefined && file.oldPath !== file.path;
  return (
    <div role="listitem">
      <button
        type="button"
        className={`file-row${focused ? ' file-row--focused' : ''}`}
        aria-label={file.path}
        aria-description={marker ? `${fileDescription(file)}, ${marker}` : fileDescription(file)}
        aria-current={focused ? 'true' : undefined}
        title={renamed ? `${file.oldPath} → ${file.path}` : file.path}
        onClick={() => onFocusFile(fileKey(file))}
      >
        <span className={`file-row__status file-row__status--${file.status}`} aria-hidden="true" title={status.label}>
          {status.letter}
        </span>
        <span className="file-row__path">
          {renamed && <span className="file-row__old">{file.oldPath} → </span>}
          <span className="file-row__dir">{slash >= 0 ? file.path.slice(0, slash + 1) : ''}</span>
          <span className="file-row__name">{slash >= 0 ? file.path.slice(slash + 1) : file.path}</span>
          {notes.length > 0 && <span className="file-row__notes">{notes.join(' · ')}</span>}
          {marker && (
            <span className="file-row__marker" aria-hidden="true">
              {marker}
            </span>
          )}
        </span>
        {!file.binary && !file.tooLarge && (
          <span className="file-row__counts" aria-hidden="true">
            <span className="count-add">+{file.additions}</span> <span className="count-del">−{file.deletions}</span>
          </span>
        )}
      </button>
    </div>
  );
});
