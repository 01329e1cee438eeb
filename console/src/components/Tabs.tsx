// ARIA tabs (WAI-ARIA Authoring Practices' tabs with automatic activation): one tab stop,
// arrow keys, Home and End move the selection and the focus. The page renders the panel,
// with `tabPanelProps` tying it to the selected tab.
import { useRef, type KeyboardEvent } from 'react';
import './Tabs.css';

export interface TabsProps<T extends string> {
  /** Prefix of the tabs' and panel's ids: unique on the page. */
  readonly id: string;
  readonly label: string;
  readonly tabs: readonly T[];
  readonly labels: Readonly<Record<T, string>>;
  readonly selected: T;
  readonly onSelect: (tab: T) => void;
}

export function Tabs<T extends string>({ id, label, tabs, labels, selected, onSelect }: TabsProps<T>) {
  const buttons = useRef(new Map<T, HTMLButtonElement>());
  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const index = tabs.indexOf(selected);
    const next =
      event.key === 'ArrowRight'
        ? tabs[(index + 1) % tabs.length]
        : event.key === 'ArrowLeft'
          ? tabs[(index - 1 + tabs.length) % tabs.length]
          : event.key === 'Home'
            ? tabs[0]
            : event.key === 'End'
              ? tabs.at(-1)
              : undefined;
    if (!next) return;
    event.preventDefault();
    onSelect(next);
    buttons.current.get(next)?.focus();
  }
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((tab) => (
        <button
          key={tab}
          ref={(element) => {
            if (element) buttons.current.set(tab, element);
            else buttons.current.delete(tab);
          }}
          type="button"
          role="tab"
          id={`${id}-tab-${tab}`}
          aria-selected={tab === selected}
          aria-controls={`${id}-panel`}
          tabIndex={tab === selected ? 0 : -1}
          onClick={() => onSelect(tab)}
          onKeyDown={onKeyDown}
        >
          {labels[tab]}
        </button>
      ))}
    </div>
  );
}

/** The props of the panel the selected tab shows. */
export function tabPanelProps(id: string, selected: string): { id: string; role: 'tabpanel'; 'aria-labelledby': string } {
  return { id: `${id}-panel`, role: 'tabpanel', 'aria-labelledby': `${id}-tab-${selected}` };
}
