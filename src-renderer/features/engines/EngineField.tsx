import { useId } from 'react';
import type { EngineChoice } from './engine-choice';
import type { EnginesLoad } from './use-engines';

/**
 * Who works on the new task: Braid's own agent, an external agent Braid has a preset for (those
 * not installed are listed with how to install them), or any command that speaks ACP.
 */
export function EngineField({ load, value, onChange }: { load: EnginesLoad; value: EngineChoice; onChange(choice: EngineChoice): void }) {
  const ids = { select: useId(), command: useId(), hint: useId() };
  const engines = load.status === 'loaded' ? load.engines : [];
  const chosen = engines.find((engine) => engine.agent === value.selected);
  return (
    <div className="field">
      <label htmlFor={ids.select} className="field__label">
        Engine
      </label>
      <select id={ids.select} className="input" value={value.selected} aria-describedby={ids.hint} onChange={(e) => onChange({ ...value, selected: e.target.value })}>
        <option value="braid">Braid agent</option>
        {engines.map((engine) => (
          <option key={engine.agent} value={engine.agent} disabled={!engine.installed}>
            {engine.label}
            {engine.installed ? (engine.version ? ` (${engine.version})` : '') : ' — not installed'}
          </option>
        ))}
        <option value="command">Other ACP command…</option>
        <option value="tui">A CLI in its own terminal (no ACP)…</option>
      </select>
      {(value.selected === 'command' || value.selected === 'tui') && (
        <>
          <label htmlFor={ids.command} className="visually-hidden">
            {value.selected === 'tui' ? 'CLI command' : 'ACP command'}
          </label>
          <input
            id={ids.command}
            className="input mono"
            value={value.commandLine}
            placeholder={value.selected === 'tui' ? 'aider --message {prompt}' : 'my-agent --acp'}
            onChange={(e) => onChange({ ...value, commandLine: e.target.value })}
          />
        </>
      )}
      <div id={ids.hint} className="field__hint">
        {value.selected === 'braid' && 'Braid’s own agent, with the model you choose.'}
        {chosen && <>{chosen.label} over the Agent Client Protocol, in the task’s worktree, asking Braid before it edits or runs commands. {chosen.note}</>}
        {value.selected === 'command' && 'Any program that speaks the Agent Client Protocol on its standard input and output; it runs in the task’s worktree.'}
        {value.selected === 'tui' && (
          <>
            It runs in a terminal of the task, in the worktree, as its own interface: there is <strong>no structured timeline</strong> for it (no tool cards, approval cards,
            per-call diffs or usage in Braid), only its terminal and whether it runs. <code className="mono">{'{prompt}'}</code> in the command line is replaced by the task’s prompt.
          </>
        )}
        {load.status === 'failed' && <> Could not check which agents are installed: {load.message}</>}
        <MissingAgents load={load} />
      </div>
    </div>
  );
}

/** How to install the presets that are not installed, so the disabled options are not a dead end. */
function MissingAgents({ load }: { load: EnginesLoad }) {
  if (load.status !== 'loaded') return null;
  const missing = load.engines.filter((engine) => !engine.installed);
  if (missing.length === 0) return null;
  return (
    <ul className="engine-field__missing" aria-label="Agents not installed">
      {missing.map((engine) => (
        <li key={engine.agent}>
          {engine.label} is not installed: <code className="mono">{engine.install}</code>
        </li>
      ))}
    </ul>
  );
}
