import { Fragment, memo, useMemo, type CSSProperties } from 'react';
import { renderAnsi, type AnsiStyle } from './ansi-screen';
import './ansi-output.css';

/**
 * Command output as a terminal shows it (colours, progress bars redrawn in place), for the
 * conversation's tool cards: the light renderer (`ansi-screen.ts`), not an xterm.js per card.
 * A clipped tail starts at its first whole line (the cut may fall inside an escape sequence).
 */
export const AnsiOutput = memo(function AnsiOutput({ text, clipped, label, className }: { text: string; clipped: boolean; label: string; className?: string }) {
  const lines = useMemo(() => renderAnsi(clipped ? text.slice(text.indexOf('\n') + 1) : text), [text, clipped]);
  return (
    <pre className={`ansi-output${className ? ` ${className}` : ''}`} aria-label={label}>
      {clipped && <span className="ansi-output__clipped">… (earlier output not shown){'\n'}</span>}
      {lines.map((line, index) => (
        <Fragment key={index}>
          {line.map((span, at) =>
            isPlain(span.style) ? (
              span.text
            ) : (
              <span key={at} className={classesOf(span.style)} style={colorsOf(span.style)}>
                {span.text}
              </span>
            ),
          )}
          {index < lines.length - 1 ? '\n' : null}
        </Fragment>
      ))}
    </pre>
  );
});

function isPlain(style: AnsiStyle): boolean {
  return style.fg === null && style.bg === null && !style.bold && !style.dim && !style.italic && !style.underline && !style.inverse && !style.strike;
}

function classesOf(style: AnsiStyle): string | undefined {
  const classes = [
    style.bold && 'ansi-bold',
    style.dim && 'ansi-dim',
    style.italic && 'ansi-italic',
    style.underline && 'ansi-underline',
    style.strike && 'ansi-strike',
  ].filter(Boolean);
  return classes.length > 0 ? classes.join(' ') : undefined;
}

function colorsOf(style: AnsiStyle): CSSProperties | undefined {
  let fg = colorValue(style.fg);
  let bg = colorValue(style.bg);
  if (style.inverse) [fg, bg] = [bg ?? 'var(--ansi-bg)', fg ?? 'var(--ansi-fg)'];
  if (!fg && !bg) return undefined;
  return { ...(fg ? { color: fg } : {}), ...(bg ? { backgroundColor: bg } : {}) };
}

/** The 16 base colours come from the stylesheet's palette; the 256-colour cube and greys are computed; 24-bit as given. */
function colorValue(color: number | string | null): string | undefined {
  if (color === null) return undefined;
  if (typeof color === 'string') return color;
  if (color < 16) return `var(--ansi-${color})`;
  if (color >= 232) {
    const level = 8 + (color - 232) * 10;
    return `rgb(${level}, ${level}, ${level})`;
  }
  const cube = color - 16;
  const level = (value: number) => (value === 0 ? 0 : 55 + value * 40);
  return `rgb(${level(Math.floor(cube / 36))}, ${level(Math.floor(cube / 6) % 6)}, ${level(cube % 6)})`;
}
