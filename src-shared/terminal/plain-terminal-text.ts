/* eslint-disable no-control-regex -- this file exists to find control sequences */

const ansiSequence = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
const stray = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * What a terminal shows, as plain text (for a model, a report, a log without a terminal view): colours and cursor codes removed, CRLF
 * as LF, and a progress bar redrawn with `\r` reduced to its final state.
 */
export function plainTerminalText(raw: string): string {
  return raw
    .replace(ansiSequence, '')
    .replace(/\r+\n/g, '\n')
    .split('\n')
    .map((line) => {
      const redrawn = line.split('\r').filter((part) => part !== '');
      return redrawn.length > 0 ? redrawn[redrawn.length - 1] : '';
    })
    .join('\n')
    .replace(stray, '');
}
