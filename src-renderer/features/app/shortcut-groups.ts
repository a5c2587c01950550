import { shortcutLabel } from '../../ui/shortcut-label';
import type { ShortcutGroup } from '../palette';
import { reviewKeys } from '../review/review-keys';

/** What the `?` sheet lists: every shortcut the app handles, as the user's keyboard says it. */
export function shortcutGroups(): ShortcutGroup[] {
  return [
    {
      title: 'Anywhere',
      shortcuts: [
        { keys: shortcutLabel('K'), does: 'Command palette: every action and task' },
        { keys: `${shortcutLabel('N')} or Alt+N`, does: 'New task in the selected project' },
        { keys: reviewKeys.toggleReview, does: 'Open or close DiffLens' },
        { keys: shortcutLabel(','), does: 'Settings' },
        { keys: '?', does: 'This list' },
        { keys: 'Escape', does: 'Close a dialog' },
      ],
    },
    {
      title: 'Composer',
      shortcuts: [
        { keys: shortcutLabel('Enter'), does: 'Send (Enter alone is a new line)' },
        { keys: 'Shift+Tab', does: 'Next permission mode' },
      ],
    },
    {
      title: 'Terminal',
      shortcuts: [
        { keys: 'Ctrl+Shift+C / Ctrl+Shift+V (⌘C / ⌘V)', does: 'Copy / paste' },
      ],
    },
    {
      title: 'DiffLens',
      shortcuts: [
        { keys: `${reviewKeys.nextFile} / ${reviewKeys.previousFile}`, does: 'Next / previous file' },
        { keys: `${reviewKeys.nextHunk} / ${reviewKeys.previousHunk}`, does: 'Next / previous hunk' },
        { keys: reviewKeys.comment, does: 'Comment on the focused hunk' },
      ],
    },
  ];
}
