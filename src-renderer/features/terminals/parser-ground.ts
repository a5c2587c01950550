/* eslint-disable no-control-regex -- this file exists to read control sequences */

/**
 * Whether a terminal's parser is in its ground state after some output: not inside an escape
 * sequence that the next output continues. A view may add sequences of its own between two
 * pieces of output only there (one inside a program's sequence would break it: the ESC of ours
 * aborts theirs, and the rest of theirs is printed as text).
 *
 * Only the last escape matters: an ESC ends whatever sequence or string was open before it
 * (CSI, OSC, DCS, SOS, PM, APC), and CAN or SUB abort one. So the state follows from the output
 * after the last ESC, CAN, SUB or C1 control: in the ground state if that is a complete escape
 * sequence, or CAN or SUB; otherwise (unfinished, malformed or a C1 control, rare and not worth
 * following) it is taken as not. Output without any of them leaves the state as it was.
 */

/** A complete escape at the start: a CSI, an OSC ended by BEL (an ST ends in an escape of its own), or another escape. */
const completeEscape = /^\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[ -/]*[0-OQ-WYZ\\`-~])/;
/** Longer escapes (a title, a hyperlink) end within this; one that does not is taken as unfinished. */
const longestEscape = 4096;

const anyIntroducer = /[\x1b\x18\x1a\x80-\x9f]/;

/** Where the last ESC, CAN, SUB or C1 control is in `text`; -1 when there is none. */
function lastIntroducer(text: string): number {
  // The usual answer in a flood (none at all) from one native scan; a loop in JS takes 5 times as long.
  if (!anyIntroducer.test(text)) return -1;
  for (let index = text.length - 1; index >= 0; index--) {
    const code = text.charCodeAt(index);
    if (code === 0x1b || code === 0x18 || code === 0x1a || (code >= 0x80 && code <= 0x9f)) return index;
  }
  return -1;
}

/**
 * The parser's state after `pieces` (in order), given whether it was in the ground state before
 * them.
 */
export function groundAfter(pieces: readonly string[], groundBefore: boolean): boolean {
  for (let piece = pieces.length - 1; piece >= 0; piece--) {
    const text = pieces[piece]!;
    const at = lastIntroducer(text);
    if (at < 0) continue;
    const code = text.charCodeAt(at);
    if (code === 0x18 || code === 0x1a) return true;
    if (code !== 0x1b) return false;
    // The escape may go on in the pieces after this one (none of which has an introducer).
    let escape = text.slice(at, at + longestEscape);
    for (let next = piece + 1; next < pieces.length && escape.length < longestEscape; next++) escape += pieces[next]!.slice(0, longestEscape - escape.length);
    return completeEscape.test(escape);
  }
  return groundBefore;
}
