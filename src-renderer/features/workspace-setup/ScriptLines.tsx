import './workspace-setup.css';

/**
 * One script of a workspace config: its title, and its command lines as they run (the task's
 * Workspace scripts, the merge queue's scripts to trust).
 */
export function ScriptLines({ label, title, lines }: { label: string; title: string; lines: readonly string[] }) {
  return (
    <section className="workspace-scripts__script" aria-label={label}>
      <h4 className="workspace-scripts__title">{title}</h4>
      <pre className="workspace-scripts__commands mono selectable">{lines.join('\n')}</pre>
    </section>
  );
}
