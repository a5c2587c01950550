/* eslint-disable no-control-regex -- this file exists to remove control sequences */

const ansiSequence = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
const stray = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * A terminal's output as the plain text it shows: colours and cursor codes removed, CRLF as LF,
 * a line redrawn with `\r` (a progress bar) reduced to its last state. Used until the
 * terminal view (colours kept) is on this branch.
 */
export function terminalPlainText(raw: string): string {
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
