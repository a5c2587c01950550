/** Whether a key pressed here types text (an input, text area, select or editable content), so shortcuts leave it alone. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as Element;
  const tag = element.tagName.toLowerCase();
  if (tag === 'input' || tag === 'textarea' || tag === 'select') return true;
  return element.closest('[contenteditable=""], [contenteditable="true"]') !== null;
}
