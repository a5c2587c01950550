import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';

type TerminalMethods = Extract<keyof HandlerTable, `terminals.${string}`>;

/** Input, resize and acks answer synchronously, so calls from one view reach the pty in the order sent. */
export function terminalHandlers(services: Services): Pick<HandlerTable, TerminalMethods> {
  const { terminals } = services;
  return {
    'terminals.open': (args) => terminals.open(args),
    'terminals.list': ({ taskId }) => terminals.list(taskId),
    'terminals.input': (args) => terminals.input(args),
    'terminals.resize': (args) => terminals.resize(args),
    'terminals.ack': (args) => terminals.ack(args),
    'terminals.detach': (args) => terminals.detach(args),
    'terminals.snapshot': (args) => terminals.snapshot(args),
    'terminals.close': (args) => terminals.closeTerminal(args),
  };
}
