import type { ReactNode } from 'react';
import type { Task, TerminalInfo } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { TerminalView } from './TerminalView';
import { openTaskTerminal } from './open-terminal';
import { useTaskTab, useTaskTerminals, useTaskTerminalsError, useTerminalsStore } from './terminals-store';
import './terminals.css';

/**
 * The task view's tabs: the agent's conversation (`children`) and each of the task's
 * terminals, with "New terminal". Only the terminal on screen has a view (an xterm.js
 * instance); another tab's terminal is replayed from the host's mirror when it is shown. Views
 * kept hidden were measured to cost far more than a replay: xterm 6's DOM renderer redraws
 * every row of a hidden terminal on each scroll, measuring glyph widths it cannot cache while
 * hidden (7 hidden terminals under output spent 40 % of the page's time in forced layouts).
 */
export function TaskTabs({ task, children }: { task: Task; children: ReactNode }) {
  const api = useBridge();
  const terminals = useTaskTerminals(task.id);
  const listError = useTaskTerminalsError(task.id);
  const tab = useTaskTab(task.id);
  const showTab = useTerminalsStore((s) => s.showTab);
  const opening = useHostAction();
  const activeId = tab === 'agent' ? null : tab.terminalId;
  const active = terminals.find((terminal) => terminal.id === activeId);

  const openTerminal = () => opening.run(() => openTaskTerminal(api, task.id));

  const ready = task.workspace.state === 'ready';
  const tabId = (key: string) => `task-tab-${task.id}-${key}`;
  const panelId = (key: string) => `task-panel-${task.id}-${key}`;
  return (
    <div className="task-tabs">
      <div className="task-tabs__bar">
        <div role="tablist" aria-label="Task views" className="task-tabs__list">
          <button
            type="button"
            role="tab"
            id={tabId('agent')}
            aria-controls={panelId('agent')}
            aria-selected={activeId === null}
            className="task-tabs__tab"
            onClick={() => showTab(task.id, 'agent')}
          >
            Conversation
          </button>
          {terminals.map((terminal) => (
            <button
              key={terminal.id}
              type="button"
              role="tab"
              id={tabId(terminal.id)}
              aria-controls={panelId(terminal.id)}
              aria-selected={activeId === terminal.id}
              aria-description={terminal.state === 'exited' ? 'exited' : undefined}
              className={`task-tabs__tab${terminal.state === 'exited' ? ' task-tabs__tab--exited' : ''}`}
              onClick={() => showTab(task.id, { terminalId: terminal.id })}
            >
              {terminal.title}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="button button--small"
          onClick={openTerminal}
          disabled={!ready || opening.pending}
          aria-busy={opening.pending}
          title={ready ? 'A shell in the worktree' : 'Terminals open once the worktree is ready'}
        >
          New terminal
        </button>
      </div>
      <InlineError message={opening.error ?? listError} />
      <div role="tabpanel" id={panelId('agent')} aria-labelledby={tabId('agent')} hidden={activeId !== null} className="task-tabs__panel">
        {children}
      </div>
      {active && (
        <div key={active.id} role="tabpanel" id={panelId(active.id)} aria-labelledby={tabId(active.id)} className="task-tabs__panel">
          <TerminalPanelBar terminal={active} />
          <TerminalView info={active} />
        </div>
      )}
    </div>
  );
}

function TerminalPanelBar({ terminal }: { terminal: TerminalInfo }) {
  const api = useBridge();
  const closing = useHostAction();
  const state =
    terminal.state === 'running'
      ? 'running'
      : terminal.exitCode !== null
        ? `exited with code ${terminal.exitCode}`
        : terminal.signal !== null
          ? `killed by signal ${terminal.signal}`
          : 'stopped';
  return (
    <div className="terminal-bar">
      <span className="terminal-bar__what mono">{terminal.command ?? 'login shell'}</span>
      <span role="status" className={`terminal-bar__state terminal-bar__state--${terminal.state}`}>
        {state}
      </span>
      <span className="terminal-bar__hint">Copy Ctrl+Shift+C · Paste Ctrl+Shift+V</span>
      <button
        type="button"
        className="button button--small"
        disabled={closing.pending}
        onClick={() => void closing.run(() => api.invoke('terminals.close', { taskId: terminal.taskId, terminalId: terminal.id }))}
      >
        Close {terminal.title}
      </button>
      <InlineError message={closing.error} />
    </div>
  );
}
