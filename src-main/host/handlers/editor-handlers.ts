import { ok } from '../../../src-shared/contract';
import type { Services } from '../../services';
import type { HandlerTable } from '../dispatch';

type EditorMethods = `editors.${string}`;

/** "Open in editor" (U3): the contract to the editor service, nothing more. */
export function editorHandlers(services: Services): Pick<HandlerTable, Extract<keyof HandlerTable, EditorMethods>> {
  return {
    'editors.list': () => ok(services.editors.list()),
    'editors.configure': (input) => services.editors.configure(input),
    'editors.open': (input) => services.editors.open(input.taskId, input.editorId),
  };
}
