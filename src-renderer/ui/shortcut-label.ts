const isApple = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** "Ctrl+N" or "⌘N", as the user's keyboard says it. */
export const shortcutLabel = (key: string): string => (isApple ? `⌘${key}` : `Ctrl+${key}`);

/** The platform's command modifier: Cmd on Apple keyboards, Ctrl elsewhere. */
export const hasCommandModifier = (event: KeyboardEvent): boolean => (isApple ? event.metaKey : event.ctrlKey);
