import { useId, type Dispatch } from 'react';
import type { ConflictFileView } from '../../../src-shared/contract';
import { countConflictBlocks } from './conflict-markers';
import { isFileResolved, isTextConflict, resolutionLabel, type FileResolution, type ResolutionAction } from './conflict-resolution';

interface ConflictFileEditorProps {
  file: ConflictFileView;
  resolution: FileResolution | undefined;
  dispatch: Dispatch<ResolutionAction>;
  targetBranch: string;
  workspaceBranch: string;
}

/**
 * One conflicted file: base / ours / theirs side by side (read-only) and the editable result,
 * which starts from git's merged text with markers. Take ours, take theirs, keep both, or edit.
 */
export function ConflictFileEditor({ file, resolution, dispatch, targetBranch, workspaceBranch }: ConflictFileEditorProps) {
  const resultId = useId();
  const statusId = useId();
  const text = resolution?.text ?? '';
  const editable = isTextConflict(file);
  const blocks = editable ? countConflictBlocks(text) : 0;
  const resolved = isFileResolved(file, resolution);
  const deletedSomewhere = file.ours === null || file.theirs === null;
  return (
    <div className="conflict-file">
      {file.messages.length > 0 && (
        <ul className="conflict-file__messages">
          {file.messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      <div className="conflict-file__sides">
        <SidePane label="Base" hint="common ancestor" side={file.base} path={file.path} />
        <SidePane label="Ours" hint={targetBranch} side={file.ours} path={file.path} />
        <SidePane label="Theirs" hint={workspaceBranch} side={file.theirs} path={file.path} />
      </div>
      <div className="conflict-file__actions" role="group" aria-label={`Resolve ${file.path}`}>
        <button type="button" className="button button--small" aria-pressed={resolution?.choice === 'ours'} onClick={() => dispatch({ type: 'take', file, side: 'ours' })}>
          Take ours
        </button>
        <button type="button" className="button button--small" aria-pressed={resolution?.choice === 'theirs'} onClick={() => dispatch({ type: 'take', file, side: 'theirs' })}>
          Take theirs
        </button>
        {editable && blocks > 0 && (
          <button type="button" className="button button--small" onClick={() => dispatch({ type: 'settleBlocks', path: file.path, choice: 'both' })}>
            Keep both
          </button>
        )}
        {deletedSomewhere && (
          <button type="button" className="button button--small" aria-pressed={resolution?.choice === 'delete'} onClick={() => dispatch({ type: 'delete', path: file.path })}>
            Delete the file
          </button>
        )}
        {editable && (
          <button type="button" className="button button--small" onClick={() => dispatch({ type: 'restoreMerged', file })}>
            Start over
          </button>
        )}
        <span id={statusId} className={`conflict-file__state conflict-file__state--${resolved ? 'resolved' : 'open'}`}>
          {resolved ? `Resolved (${resolutionLabel(file, resolution)})` : blocks > 0 ? `${blocks === 1 ? '1 conflict' : `${blocks} conflicts`} left` : 'Choose a version'}
        </span>
      </div>
      {editable ? (
        <div className="field">
          <label htmlFor={resultId} className="field__label">
            Result for {file.path}
          </label>
          <textarea
            id={resultId}
            className="input textarea mono conflict-file__result"
            spellCheck={false}
            aria-describedby={statusId}
            value={text}
            readOnly={resolution?.choice === 'delete'}
            onChange={(event) => dispatch({ type: 'edit', path: file.path, text: event.target.value })}
          />
        </div>
      ) : (
        <p className="muted">This file is binary or too large to edit here: take one side{deletedSomewhere ? ' or delete it' : ''}.</p>
      )}
    </div>
  );
}

function SidePane({ label, hint, side, path }: { label: string; hint: string; side: ConflictFileView['base']; path: string }) {
  const body = side === null ? '(no file on this side: deleted or never added)' : side.text === null ? (side.binary ? '(binary)' : '(too large to show)') : side.text;
  return (
    <section className="conflict-side" aria-label={`${label} version of ${path}`}>
      <h4 className="conflict-side__title">
        {label} <span className="muted mono">{hint}</span>
      </h4>
      <pre className={`conflict-side__text${side?.text == null ? ' muted' : ''}`} tabIndex={0}>
        {body}
      </pre>
    </section>
  );
}
