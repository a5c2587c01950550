/**
 * A conservative parser for the bash command lines agents run: it finds every simple command
 * (split on `&&`, `||`, `;`, `|`, `|&`, `&`, newlines, inside subshells and groups), each word
 * with its quotes removed, redirects with their targets, and every command or process
 * substitution (parsed too, so what they run is checked like the rest). What it does not
 * understand (`case`, function definitions, arithmetic commands, an unterminated quote) is a
 * `ShellParseError`: the caller then asks the user, never guesses.
 */

export interface ShellWord {
  /** As written (quotes included). */
  raw: string;
  /** Quotes and escapes removed; expansions kept as written (`$HOME`). */
  value: string;
  /** Holds a parameter expansion or substitution whose value is unknown until it runs. */
  dynamic: boolean;
  /** Holds an unquoted glob character (`*`, `?`, `[`) or a brace expansion. */
  glob: boolean;
}

export interface ShellRedirect {
  /** `>`, `>>`, `>|`, `&>`, `&>>`, `<`, `<>`, `>&`, `<&`, `<<`, `<<-`, `<<<`. */
  op: string;
  /** The file (or fd for `>&`); null for a here-document. */
  target: ShellWord | null;
  /** Opens a file for writing (not a duplicated descriptor). */
  writes: boolean;
}

export interface Substitution {
  /** `$(…)`, backticks, `<(…)`/`>(…)`, or arithmetic holding one. */
  text: string;
  commands: SimpleCommand[];
}

export interface SimpleCommand {
  /** Leading `NAME=value` words. */
  assignments: ShellWord[];
  /** The command name and its arguments. */
  words: ShellWord[];
  redirects: ShellRedirect[];
  /** Commands joined by `|` share a pipeline id; `stage` is the position in it. */
  pipeline: number;
  stage: number;
  /** Substitutions in this command's words, assignments and redirects. */
  substitutions: Substitution[];
}

export class ShellParseError extends Error {}

const reservedSkipped = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', 'fi', 'done', '{', '}']);
const unsupportedKeywords = new Set(['case', 'esac', 'function', 'select', 'coproc', '[[', '((']);
const separators = new Set([';', '&', '|', '\n']);
const metacharacters = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);

export function parseShell(source: string): SimpleCommand[] {
  const parser = new Parser(source, { next: 0 });
  const commands = parser.parseList(null);
  return commands;
}

class Parser {
  private pos = 0;
  private pendingHeredocs: { delimiter: string; stripTabs: boolean; expands: boolean; owner: SimpleCommand }[] = [];

  constructor(
    private readonly src: string,
    private readonly pipelines: { next: number },
  ) {}

  /** Commands until the end, or until an unmatched `)` when `closing` is set (consumed). */
  /** `&>` starts a redirect, not a separator. */
  private atSeparator(): boolean {
    const char = this.src[this.pos]!;
    return separators.has(char) && !(char === '&' && this.src[this.pos + 1] === '>');
  }

  parseList(closing: ')' | null): SimpleCommand[] {
    const commands: SimpleCommand[] = [];
    let pipeline = this.pipelines.next++;
    let stage = 0;
    for (;;) {
      this.skipBlanks();
      if (this.pos >= this.src.length) {
        if (closing) throw new ShellParseError('a "(" is never closed');
        this.readHeredocs();
        return commands;
      }
      const char = this.src[this.pos]!;
      if (char === ')') {
        if (!closing) throw new ShellParseError('a ")" closes nothing');
        this.pos++;
        return commands;
      }
      if (char === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
        continue;
      }
      if (this.atSeparator()) {
        const op = this.readSeparator();
        if (op === '|' || op === '|&') stage++;
        else {
          if (op === ';;' || op === ';&' || op === ';;&') throw new ShellParseError('case statements are not parsed');
          pipeline = this.pipelines.next++;
          stage = 0;
        }
        if (op === '\n') this.readHeredocs();
        continue;
      }
      if (char === '(') {
        if (this.src[this.pos + 1] === '(') throw new ShellParseError('arithmetic commands "((…))" are not parsed');
        this.pos++;
        // A subshell: its commands are checked like any other, as their own pipelines.
        commands.push(...this.parseList(')'));
        continue;
      }
      const command = this.readCommand(pipeline, stage);
      if (command) commands.push(command);
    }
  }

  private skipBlanks(): void {
    for (;;) {
      const char = this.src[this.pos];
      if (char === ' ' || char === '\t') this.pos++;
      else if (char === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else return;
    }
  }

  private readSeparator(): string {
    const op = /^(;;&|&&|\|\||\|&|;;|;&|[;&|\n])/.exec(this.src.slice(this.pos, this.pos + 3))![0];
    this.pos += op.length;
    return op;
  }

  /** One simple command; null when it was only reserved words (`then`, `done`, `}`). */
  private readCommand(pipeline: number, stage: number): SimpleCommand | null {
    const command: SimpleCommand = { assignments: [], words: [], redirects: [], pipeline, stage, substitutions: [] };
    let loopHeader = false;
    for (;;) {
      this.skipBlanks();
      if (this.pos >= this.src.length) break;
      const char = this.src[this.pos]!;
      if (this.atSeparator() || char === ')') break;
      if (char === '(') {
        if (command.words.length === 0 && command.assignments.length === 0) break;
        throw new ShellParseError('function definitions are not parsed');
      }
      if (char === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
        break;
      }
      const redirect = this.tryRedirect(command);
      if (redirect) {
        command.redirects.push(redirect);
        continue;
      }
      const word = this.readWord(command);
      if (command.words.length === 0 && !loopHeader) {
        const bare = word.raw;
        if (unsupportedKeywords.has(bare)) throw new ShellParseError(`"${bare}" is not parsed`);
        if (reservedSkipped.has(bare)) continue;
        if (bare === 'for') {
          loopHeader = true;
          continue;
        }
        if (/^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(word.raw) && command.words.length === 0) {
          command.assignments.push(word);
          continue;
        }
      }
      // `for x in a b c`: its words run nothing (their substitutions were recorded already).
      if (loopHeader) continue;
      command.words.push(word);
    }
    if (command.words.length === 0 && command.assignments.length === 0 && command.redirects.length === 0 && command.substitutions.length === 0) return null;
    return command;
  }

  /** A redirect at the cursor (with an optional fd number or `&`), or null. */
  private tryRedirect(command: SimpleCommand): ShellRedirect | null {
    const match = /^(\d+|&)?(<<<|<<-|<<|>>|>\||>&|<&|<>|>|<)/.exec(this.src.slice(this.pos, this.pos + 8));
    if (!match) return null;
    // `<(` and `>(` are process substitutions: words, not redirects.
    if ((match[2] === '<' || match[2] === '>') && !match[1] && this.src[this.pos + 1] === '(') return null;
    this.pos += match[0].length;
    let op = match[2]!;
    if (match[1] === '&') op = `&${op}`;
    this.skipBlanks();
    if (op === '<<' || op === '<<-') {
      const delimiter = this.readWord(command);
      const quoted = /['"\\]/.test(delimiter.raw);
      this.pendingHeredocs.push({ delimiter: delimiter.value, stripTabs: op === '<<-', expands: !quoted, owner: command });
      return { op, target: null, writes: false };
    }
    if (this.pos >= this.src.length || metacharacters.has(this.src[this.pos]!)) throw new ShellParseError(`"${op}" has no target`);
    const target = this.readWord(command);
    const duplicates = (op === '>&' || op === '<&') && /^(\d+|-)$/.test(target.value);
    const writes = !duplicates && (op.includes('>') || op === '<>');
    return { op, target, writes };
  }

  /** Reads the here-documents announced on the line just ended. */
  private readHeredocs(): void {
    for (const heredoc of this.pendingHeredocs) {
      let body = '';
      for (;;) {
        if (this.pos >= this.src.length) throw new ShellParseError(`the here-document "${heredoc.delimiter}" is never ended`);
        const end = this.src.indexOf('\n', this.pos);
        const line = this.src.slice(this.pos, end === -1 ? this.src.length : end);
        this.pos = end === -1 ? this.src.length : end + 1;
        const compared = heredoc.stripTabs ? line.replace(/^\t+/, '') : line;
        if (compared === heredoc.delimiter) break;
        body += `${line}\n`;
      }
      // An unquoted delimiter lets the body expand, substitutions included.
      if (heredoc.expands) new Parser(`"${body.replace(/(["\\])/g, '\\$1')}"`, this.pipelines).collectQuoted(heredoc.owner);
    }
    this.pendingHeredocs = [];
  }

  /** Parses the double-quoted string that is the whole source, for its substitutions. */
  private collectQuoted(owner: SimpleCommand): void {
    this.readWord(owner);
  }

  private readWord(owner: SimpleCommand): ShellWord {
    const start = this.pos;
    let value = '';
    let dynamic = false;
    let glob = false;
    const src = this.src;
    while (this.pos < src.length) {
      const char = src[this.pos]!;
      if (metacharacters.has(char)) {
        if ((char === '<' || char === '>') && src[this.pos + 1] === '(') {
          const opened = this.pos;
          this.pos += 2;
          owner.substitutions.push(this.substitutionUntilClose(this.pos));
          value += src.slice(opened, this.pos);
          dynamic = true;
          continue;
        }
        break;
      }
      if (char === '\\') {
        if (src[this.pos + 1] === '\n') {
          this.pos += 2;
          continue;
        }
        value += src[this.pos + 1] ?? '';
        this.pos += 2;
        continue;
      }
      if (char === "'") {
        const end = src.indexOf("'", this.pos + 1);
        if (end === -1) throw new ShellParseError('a single quote is never closed');
        value += src.slice(this.pos + 1, end);
        this.pos = end + 1;
        continue;
      }
      if (char === '"') {
        this.pos++;
        const quoted = this.readDoubleQuoted(owner);
        value += quoted.value;
        dynamic ||= quoted.dynamic;
        continue;
      }
      if (char === '`') {
        owner.substitutions.push(this.backtick());
        dynamic = true;
        value += '`…`';
        continue;
      }
      if (char === '$') {
        const expansion = this.readDollar(owner, false);
        value += expansion.text;
        dynamic ||= expansion.dynamic;
        continue;
      }
      if (char === '*' || char === '?' || char === '[') glob = true;
      if ((char === '{' || char === '}') && this.pos > start) glob = true;
      if (char === '{' && this.pos === start && src[this.pos + 1] !== undefined && !metacharacters.has(src[this.pos + 1]!)) glob = true;
      value += char;
      this.pos++;
    }
    return { raw: src.slice(start, this.pos), value, dynamic, glob };
  }

  private readDoubleQuoted(owner: SimpleCommand): { value: string; dynamic: boolean } {
    let value = '';
    let dynamic = false;
    const src = this.src;
    while (this.pos < src.length) {
      const char = src[this.pos]!;
      if (char === '"') {
        this.pos++;
        return { value, dynamic };
      }
      if (char === '\\') {
        const next = src[this.pos + 1] ?? '';
        if (next === '\n') {
          this.pos += 2;
          continue;
        }
        value += '$`"\\'.includes(next) ? next : `\\${next}`;
        this.pos += 2;
        continue;
      }
      if (char === '`') {
        owner.substitutions.push(this.backtick());
        dynamic = true;
        value += '`…`';
        continue;
      }
      if (char === '$') {
        const expansion = this.readDollar(owner, true);
        value += expansion.text;
        dynamic ||= expansion.dynamic;
        continue;
      }
      value += char;
      this.pos++;
    }
    throw new ShellParseError('a double quote is never closed');
  }

  /** At a `$`: a substitution, arithmetic, a parameter, ANSI-C quoting or a plain dollar sign. */
  private readDollar(owner: SimpleCommand, quoted: boolean): { text: string; dynamic: boolean } {
    const src = this.src;
    const start = this.pos;
    const next = src[this.pos + 1];
    if (next === '(' && src[this.pos + 2] === '(') {
      this.pos += 3;
      const inner = this.balanced('((', '))');
      // Arithmetic runs nothing unless it holds a substitution.
      if (/\$\(|`/.test(inner)) owner.substitutions.push(this.parseNested(inner));
      return { text: src.slice(start, this.pos), dynamic: true };
    }
    if (next === '(') {
      this.pos += 2;
      owner.substitutions.push(this.substitutionUntilClose(this.pos));
      return { text: src.slice(start, this.pos), dynamic: true };
    }
    if (next === '{') {
      this.pos += 2;
      const inner = this.balanced('{', '}');
      if (/\$\(|`|<\(|>\(/.test(inner)) owner.substitutions.push(this.parseNested(inner.replace(/^[^:=\-+?#%/]*[:=\-+?#%/]+/, '')));
      return { text: src.slice(start, this.pos), dynamic: true };
    }
    if (next === "'" && !quoted) {
      let end = this.pos + 2;
      while (end < src.length && src[end] !== "'") end += src[end] === '\\' ? 2 : 1;
      if (end >= src.length) throw new ShellParseError('a $\'…\' quote is never closed');
      const text = src.slice(this.pos + 2, end).replace(/\\(.)/g, '$1');
      this.pos = end + 1;
      return { text, dynamic: false };
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9@*#?$!-]/.exec(src.slice(this.pos + 1));
    if (name) {
      this.pos += 1 + name[0].length;
      return { text: src.slice(start, this.pos), dynamic: true };
    }
    this.pos++;
    return { text: '$', dynamic: false };
  }

  /** The text up to the matching closer (nesting counted, quotes skipped); the cursor moves past it. */
  private balanced(opener: string, closer: string): string {
    const src = this.src;
    const start = this.pos;
    let depth = 1;
    while (this.pos < src.length) {
      const char = src[this.pos]!;
      if (char === '\\') {
        this.pos += 2;
        continue;
      }
      if (char === "'" || char === '"') {
        const end = src.indexOf(char, this.pos + 1);
        if (end === -1) break;
        this.pos = end + 1;
        continue;
      }
      if (src.startsWith(closer, this.pos)) {
        depth--;
        if (depth === 0) {
          const inner = src.slice(start, this.pos);
          this.pos += closer.length;
          return inner;
        }
        this.pos += closer.length;
        continue;
      }
      if (src.startsWith(opener, this.pos)) depth++;
      this.pos++;
    }
    throw new ShellParseError(`"${opener}" is never closed`);
  }

  /** `$(…)`, `<(…)`, `>(…)`: parsed in place up to its `)`. */
  private substitutionUntilClose(start: number): Substitution {
    const inner = new Parser(this.src, this.pipelines);
    inner.pos = start;
    const commands = inner.parseList(')');
    this.pos = inner.pos;
    return { text: this.src.slice(start, this.pos - 1), commands };
  }

  private backtick(): Substitution {
    const src = this.src;
    let end = this.pos + 1;
    let inner = '';
    while (end < src.length && src[end] !== '`') {
      if (src[end] === '\\' && end + 1 < src.length) {
        inner += '$`\\'.includes(src[end + 1]!) ? src[end + 1] : src.slice(end, end + 2);
        end += 2;
        continue;
      }
      inner += src[end];
      end++;
    }
    if (end >= src.length) throw new ShellParseError('a backtick is never closed');
    this.pos = end + 1;
    return this.parseNested(inner);
  }

  private parseNested(text: string): Substitution {
    return { text, commands: new Parser(text, this.pipelines).parseList(null) };
  }
}
