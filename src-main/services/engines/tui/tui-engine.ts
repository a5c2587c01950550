import { tuiPromptPlaceholder, type Task } from '../../../../src-shared/contract';
import type { RunOutcome } from '../../agents/agent-run';
import type { ExternalEngine, ExternalRun } from '../../agents/external-engine';
import type { CommandTerminal, CommandTerminals } from '../acp/acp-terminals';
import { pendingMessages } from '../acp/acp-engine';
import { resolveEngineLaunch } from '../detect-engines';

export interface TuiEngineOptions {
  env: Record<string, string | undefined>;
  terminals: CommandTerminals;
}

/**
 * A CLI without ACP as a task's engine: started in a terminal of the task (the user's own
 * process, as a shell is: their login, their config), where it runs as its own TUI and the user
 * works with it. Braid knows only what the process says: it runs, or it exited (done on 0, failed
 * otherwise). No structured timeline: no tool calls, approvals, diffs by call or usage. The
 * message that starts it replaces `{prompt}` in its arguments; messages sent while it runs start
 * it again once it has exited.
 */
export function createTuiEngine(options: TuiEngineOptions): ExternalEngine {
  const running = new Map<string, CommandTerminal>();
  const launchOf = (task: Task) => {
    if (task.engine.kind !== 'tui') throw new Error('Not a TUI engine.');
    return resolveEngineLaunch(task.engine, options.env);
  };

  const run = async (run: ExternalRun): Promise<RunOutcome> => {
    const launch = launchOf(run.task);
    if (!launch.ok) {
      run.record({ kind: 'error', message: launch.error.message, code: launch.error.code, retryable: true });
      return { kind: 'failed', reason: launch.error.message, code: launch.error.code };
    }
    let messages = pendingMessages(run.history);
    let step = run.lastStep;
    for (;;) {
      if (run.signal.aborted) return { kind: 'stopped' };
      const prompt = messages.join('\n\n');
      const [program, ...args] = launch.data.argv;
      // Without the placeholder a message cannot reach the CLI; it is still marked delivered (it is in the timeline).
      const argv = [program!, ...args.map((arg) => arg.split(tuiPromptPlaceholder).join(prompt))];
      run.record({ kind: 'turn_started', step: ++step });
      const started = await options.terminals.startCommand(run.task.id, { title: `${launch.data.label} (agent)`, argv });
      if (!started.ok) {
        run.record({ kind: 'error', message: started.error.message, code: 'AGENT_FAILED', retryable: true });
        return { kind: 'failed', reason: started.error.message, code: 'AGENT_FAILED' };
      }
      const terminal = started.data;
      running.set(run.task.id, terminal);
      const stop = () => void terminal.kill();
      // Stop may have come while the terminal was starting: an aborted signal fires no more events.
      if (run.signal.aborted) stop();
      else run.signal.addEventListener('abort', stop, { once: true });
      const exit = await terminal.exited;
      run.signal.removeEventListener('abort', stop);
      running.delete(run.task.id);
      const stopReason = run.signal.aborted ? 'cancelled' : exit.exitCode === 0 ? 'end_turn' : 'exited';
      run.record({ kind: 'turn_ended', step, stopReason });
      if (run.signal.aborted) return { kind: 'stopped' };
      if (exit.exitCode !== 0) {
        const how = exit.exitCode === null ? 'was stopped by a signal' : `exited with code ${exit.exitCode}`;
        return { kind: 'failed', reason: `${launch.data.label} ${how}; its terminal shows what it said.`, code: 'AGENT_FAILED' };
      }
      messages = run.takeMessages();
      if (messages.length === 0) return { kind: 'done', reason: `${launch.data.label} exited.` };
    }
  };

  return {
    check(task) {
      const launch = launchOf(task);
      return launch.ok ? { ok: true, data: { label: launch.data.label } } : launch;
    },
    run,
    async release(taskId) {
      await running.get(taskId)?.kill();
    },
    async close() {
      await Promise.all([...running.values()].map((terminal) => terminal.kill()));
    },
  };
}
