import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { isBusyStatus, ok, type AgentState, type Result } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { hasCommandModifier, shortcutLabel } from '../../ui/shortcut-label';
import { useHostAction } from '../../ui/use-host-action';
import { PermissionModePicker } from '../permissions/PermissionModePicker';
import { nextMode } from '../permissions/permission-text';
import { usePermissionMode } from '../permissions/use-permission-mode';
import { SlashCommandMenu } from '../slash-commands/SlashCommandMenu';
import { useSlashMenu } from '../slash-commands/use-slash-menu';
import { useTasksStore } from '../tasks/tasks-store';
import { EngineBadge } from '../engines/EngineBadge';
import '../engines/engines.css';
import { ModelPicker } from './ModelPicker';
import './composer.css';

const resumable = new Set<AgentState['status']>(['paused', 'interrupted', 'stopped', 'failed']);

const deliveryNotice = {
  started: null,
  queued: 'Queued for the next step',
  delivered: 'Queued until the task starts',
} as const;

/**
 * Talks to the task's agent: Send (Ctrl/Cmd+Enter) starts it or queues the message for its
 * next step; a message starting with `/` runs a slash command (the host expands or refuses it;
 * typing `/` opens the menu of commands); Stop and Resume control the run; the permission mode
 * is picked beside the model (Shift+Tab in the message box cycles it).
 */
export function Composer({ taskId, status, model }: { taskId: string; status: AgentState['status']; model: string | null }) {
  const api = useBridge();
  const inputId = useId();
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const send = useHostAction();
  const control = useHostAction();
  const projectId = useTasksStore((s) => s.byId[taskId]?.projectId ?? '');
  const role = useTasksStore((s) => s.byId[taskId]?.role ?? 'implement');
  const mode = useTasksStore((s) => s.byId[taskId]?.agent.mode);
  const permissionMode = useTasksStore((s) => s.byId[taskId]?.agent.permissionMode ?? null);
  const engine = useTasksStore((s) => s.byId[taskId]?.engine);
  const modes = usePermissionMode(taskId, projectId);
  const menu = useSlashMenu(text, setText, { taskId });

  useEffect(() => {
    if (notice === null) return;
    const timer = setTimeout(() => setNotice(null), 5_000);
    return () => clearTimeout(timer);
  }, [notice]);

  const submit = async () => {
    const message = text.trim();
    if (message === '') return;
    const command = message.startsWith('/');
    const result = await send.run(async (): Promise<Result<string | null>> => {
      // One error line for the composer: the newest attempt's.
      control.clearError();
      setNotice(message === '/compact' ? 'Summarising the conversation…' : null);
      if (command) {
        // The host parses, checks and runs it; an unknown command is refused and nothing is sent.
        const ran = await api.invoke('slash.run', { taskId, text: message });
        return ran.ok ? ok(ran.data.notice) : ran;
      }
      const sent = await api.invoke('agent.send', { taskId, text: message });
      return sent.ok ? ok(deliveryNotice[sent.data.delivery]) : sent;
    });
    if (!result) return;
    if (!result.ok) {
      setNotice(null);
      return;
    }
    setText('');
    setNotice(result.data);
  };

  const stopOrResume = (method: 'agent.stop' | 'agent.resume') =>
    control.run(() => {
      send.clearError();
      return api.invoke(method, { taskId });
    });

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (menu.onKeyDown(event)) return;
    if (event.key === 'Enter' && hasCommandModifier(event.nativeEvent)) {
      event.preventDefault();
      void submit();
    }
    // As in Claude Code: Shift+Tab cycles the mode (a planning task stays read-only).
    if (event.key === 'Tab' && event.shiftKey && mode && role !== 'plan') {
      event.preventDefault();
      void modes.set(nextMode(mode.mode));
    }
  };

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={inputId} className="visually-hidden">
        Message
      </label>
      <div className="slash-field">
        <SlashCommandMenu menu={menu} placement="above" />
        <textarea
          id={inputId}
          className="input textarea composer__input"
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={`Message the agent (${shortcutLabel('Enter')} to send, / for commands)`}
          aria-keyshortcuts="Control+Enter Meta+Enter Shift+Tab"
          {...menu.inputProps}
        />
      </div>
      <div className="composer__bar">
        {engine && engine.kind !== 'braid' ? <EngineBadge engine={engine} /> : <ModelPicker taskId={taskId} model={model} />}
        {mode && <PermissionModePicker control={modes} mode={mode} permissionMode={permissionMode} role={role} />}
        <span role="status" className="composer__notice">
          {notice}
        </span>
        {isBusyStatus(status) && (
          <button type="button" className="button" onClick={() => stopOrResume('agent.stop')} disabled={control.pending} aria-busy={control.pending}>
            Stop
          </button>
        )}
        {resumable.has(status) && (
          <button type="button" className="button" onClick={() => stopOrResume('agent.resume')} disabled={control.pending} aria-busy={control.pending}>
            Resume
          </button>
        )}
        <button
          type="submit"
          className="button button--primary"
          disabled={send.pending || text.trim() === ''}
          aria-busy={send.pending}
          title={`Send (${shortcutLabel('Enter')})`}
        >
          Send
        </button>
      </div>
      <InlineError message={send.error ?? control.error} />
    </form>
  );
}
