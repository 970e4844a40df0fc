// Command palette (Ctrl+K): every section and the workstation's commands, searchable by name.
import { MenuItem, type IconName } from '@blueprintjs/core';
import { Omnibar, type ItemRenderer } from '@blueprintjs/select';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export type Command = { id: string; label: string; icon: IconName; hint?: string; run(): void };

const render: ItemRenderer<Command> = (cmd, { handleClick, modifiers }) =>
  modifiers.matchesPredicate ? (
    <MenuItem key={cmd.id} icon={cmd.icon} text={cmd.label} label={cmd.hint} active={modifiers.active} onClick={handleClick} roleStructure="listoption" />
  ) : null;

export function CommandPalette({ isOpen, onClose, commands }: { isOpen: boolean; onClose(): void; commands: Command[] }) {
  const { t } = useTranslation();
  const sorted = useMemo(() => commands, [commands]);
  return (
    <Omnibar<Command>
      isOpen={isOpen}
      onClose={onClose}
      items={sorted}
      itemRenderer={render}
      itemPredicate={(query, cmd) => cmd.label.toLocaleLowerCase().includes(query.toLocaleLowerCase())}
      onItemSelect={(cmd) => {
        onClose();
        cmd.run();
      }}
      noResults={<MenuItem disabled text={t('palette.noResults')} roleStructure="listoption" />}
      inputProps={{ placeholder: t('palette.placeholder'), 'aria-label': t('palette.placeholder') }}
      resetOnSelect
    />
  );
}
