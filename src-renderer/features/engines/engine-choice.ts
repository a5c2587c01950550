import { acpPresetIdSchema, braidEngine, type Engine } from '../../../src-shared/contract';
import { splitCommandLine } from '../../../src-shared/engines/command-line';

/** What the engine field holds: `braid`, a preset id, `command` (ACP) or `tui` (a CLI without ACP) with the line the user typed. */
export interface EngineChoice {
  selected: string;
  commandLine: string;
}

export const initialEngineChoice: EngineChoice = { selected: 'braid', commandLine: '' };

/** The engine `tasks.create` gets, or what is wrong with the command line. */
export function engineOf(choice: EngineChoice): { ok: true; engine: Engine } | { ok: false; message: string } {
  if (choice.selected === 'braid') return { ok: true, engine: braidEngine };
  if (choice.selected === 'command' || choice.selected === 'tui') {
    const split = splitCommandLine(choice.commandLine);
    if (!split.ok) return split;
    const [command, ...args] = split.argv;
    return { ok: true, engine: { kind: choice.selected === 'tui' ? 'tui' : 'acp-command', command: command!, args } };
  }
  const preset = acpPresetIdSchema.safeParse(choice.selected);
  return preset.success ? { ok: true, engine: { kind: 'acp', agent: preset.data } } : { ok: false, message: 'Choose an engine.' };
}
