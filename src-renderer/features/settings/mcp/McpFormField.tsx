interface McpFormFieldProps {
  id: string;
  label: string;
  hint?: string;
  value: string;
  placeholder?: string;
  /** A text area (one item per line) instead of a single line. */
  multiline?: boolean;
  onChange(value: string): void;
}

/** A labelled monospace field of the MCP server form, with its hint read along with it. */
export function McpFormField({ id, label, hint, value, placeholder, multiline = false, onChange }: McpFormFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const common = { id, value, placeholder, spellCheck: false, 'aria-describedby': hintId };
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {multiline ? (
        <textarea {...common} className="input textarea mono settings-textarea" rows={3} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} className="input mono" autoComplete="off" onChange={(e) => onChange(e.target.value)} />
      )}
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}
