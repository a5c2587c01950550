import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface SettingsTab<T extends string> {
  id: T;
  label: string;
}

interface SettingsTabsProps<T extends string> {
  label: string;
  tabs: readonly SettingsTab<T>[];
  selected: T;
  onSelect(tab: T): void;
  /** The selected tab's panel; only that one is mounted. */
  children: ReactNode;
}

/**
 * WAI-ARIA tabs with automatic activation: arrows, Home and End move between tabs (one tab
 * stop), and the panel is named by its tab.
 */
export function SettingsTabs<T extends string>({ label, tabs, selected, onSelect, children }: SettingsTabsProps<T>) {
  const baseId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const tabId = (tab: T) => `${baseId}-tab-${tab}`;
  const panelId = `${baseId}-panel`;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((tab) => tab.id === selected);
    const next =
      event.key === 'ArrowRight' ? (index + 1) % tabs.length
      : event.key === 'ArrowLeft' ? (index - 1 + tabs.length) % tabs.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? tabs.length - 1
      : -1;
    const tab = tabs[next];
    if (!tab) return;
    event.preventDefault();
    onSelect(tab.id);
    listRef.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(tab.id))}`)?.focus();
  };

  return (
    <>
      <div ref={listRef} role="tablist" aria-label={label} className="settings-tabs" onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const isSelected = tab.id === selected;
          return (
            <button
              key={tab.id}
              id={tabId(tab.id)}
              type="button"
              role="tab"
              className="settings-tabs__tab"
              aria-selected={isSelected}
              aria-controls={isSelected ? panelId : undefined}
              tabIndex={isSelected ? 0 : -1}
              onClick={() => onSelect(tab.id)}
              data-autofocus={isSelected ? true : undefined}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div id={panelId} role="tabpanel" aria-labelledby={tabId(selected)} tabIndex={0} className="settings-panel">
        {children}
      </div>
    </>
  );
}
