import { Modal } from '../../ui/Modal';

export interface ShortcutGroup {
  title: string;
  shortcuts: readonly { keys: string; does: string }[];
}

/** `?`: every keyboard shortcut, grouped by where it works. */
export function ShortcutsSheet({ groups, onClose }: { groups: readonly ShortcutGroup[]; onClose(): void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} className="modal--shortcuts">
      <div className="shortcuts">
        {groups.map((group) => (
          <section key={group.title} aria-label={group.title}>
            <h3 className="shortcuts__title">{group.title}</h3>
            <dl className="shortcuts__list">
              {group.shortcuts.map((shortcut) => (
                <div key={shortcut.keys + shortcut.does} className="shortcuts__row">
                  <dt>
                    <kbd>{shortcut.keys}</kbd>
                  </dt>
                  <dd>{shortcut.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="modal__actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
