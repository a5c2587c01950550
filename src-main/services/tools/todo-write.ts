import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { guardTool, toolText } from './tool-result';

const todoSchema = z.object({
  content: z.string().min(1).max(2000).describe('What is to be done, as one short imperative sentence.'),
  status: z.enum(['pending', 'in_progress', 'completed']),
});
export type WorkspaceTodo = z.infer<typeof todoSchema>;

export const todoWriteInput = {
  todos: z.array(todoSchema).max(200).describe('The complete, updated todo list; it replaces the previous one.'),
};

/** The task's todo list, held by its tool server; the agent runtime persists it through `onChange`. */
export class TodoList {
  private items: WorkspaceTodo[];

  constructor(
    initial: readonly WorkspaceTodo[] = [],
    private readonly onChange?: (todos: WorkspaceTodo[]) => void,
  ) {
    this.items = initial.map((todo) => ({ ...todo }));
  }

  get current(): WorkspaceTodo[] {
    return this.items.map((todo) => ({ ...todo }));
  }

  replace(todos: readonly WorkspaceTodo[]): void {
    this.items = todos.map(({ content, status }) => ({ content, status }));
    this.onChange?.(this.current);
  }
}

const marks: Record<WorkspaceTodo['status'], string> = { pending: '[ ]', in_progress: '[~]', completed: '[x]' };

export function registerTodoWrite(server: McpServer, list: TodoList): void {
  server.registerTool(
    'todo_write',
    {
      description:
        'Replace the todo list for this task. Use it to plan multi-step work and keep it current: one item in_progress at a time, mark items completed as soon as they are done.',
      inputSchema: todoWriteInput,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
    },
    (input) =>
      guardTool('todo_write', async () => {
        list.replace(input.todos);
        if (input.todos.length === 0) return toolText('The todo list is now empty.');
        const done = input.todos.filter((todo) => todo.status === 'completed').length;
        const lines = input.todos.map((todo) => `${marks[todo.status]} ${todo.content}`);
        return toolText(`Todo list updated (${done}/${input.todos.length} completed):\n${lines.join('\n')}`);
      }),
  );
}
