import { diffLines } from 'diff';
import type { FileDiffNote } from '../timeline-items';
import { Disclosure } from './Disclosure';

/** Lines shown per change; DiffLens has the whole file. */
const maxLines = 400;

/** A change an external agent reported for its call, as added and removed lines. */
export function FileDiffView({ diff }: { diff: FileDiffNote }) {
  return (
    <Disclosure summary={`${diff.oldText === null ? 'New file' : 'Changes in'} ${diff.path}`}>
      {() => {
        const lines = diffLines(diff.oldText ?? '', diff.newText).flatMap((part) =>
          part.value
            .replace(/\n$/, '')
            .split('\n')
            .map((text) => ({ sign: part.added ? '+' : part.removed ? '-' : ' ', text })),
        );
        return (
          <pre className="tool-card__pre file-diff" aria-label={`Changes in ${diff.path}`}>
            {lines.slice(0, maxLines).map((line, index) => (
              <span key={index} className={line.sign === '+' ? 'file-diff__add' : line.sign === '-' ? 'file-diff__del' : undefined}>
                {line.sign} {line.text}
                {'\n'}
              </span>
            ))}
            {lines.length > maxLines || diff.truncated ? '… (more in DiffLens)\n' : ''}
          </pre>
        );
      }}
    </Disclosure>
  );
}
