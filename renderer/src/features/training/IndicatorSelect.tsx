// The indicators a trainee cites for a selection, picked from the exercise's list (every scheme's
// indicators, so that the list itself gives nothing away); typing filters the list.
import { MenuItem } from '@blueprintjs/core';
import { MultiSelect } from '@blueprintjs/select';
import { useTranslation } from 'react-i18next';

type Props = { choices: string[]; selected: string[]; onChange(selected: string[]): void; disabled?: boolean };

export function IndicatorSelect({ choices, selected, onChange, disabled }: Props) {
  const { t } = useTranslation();
  const toggle = (item: string) => onChange(selected.includes(item) ? selected.filter((i) => i !== item) : [...selected, item]);
  return (
    <MultiSelect<string>
      fill
      disabled={disabled}
      items={choices}
      selectedItems={selected}
      itemPredicate={(query, item) => item.toLowerCase().includes(query.trim().toLowerCase())}
      itemRenderer={(item, { handleClick, handleFocus, modifiers }) =>
        modifiers.matchesPredicate ? (
          <MenuItem
            key={item}
            text={item}
            active={modifiers.active}
            roleStructure="listoption"
            selected={selected.includes(item)}
            onClick={handleClick}
            onFocus={handleFocus}
            data-testid="indicator-option"
            data-indicator={item}
          />
        ) : null
      }
      onItemSelect={toggle}
      onRemove={(item) => onChange(selected.filter((i) => i !== item))}
      onClear={selected.length > 0 ? () => onChange([]) : undefined}
      tagRenderer={(item) => item}
      noResults={<MenuItem disabled roleStructure="listoption" text={t('training.select.noIndicator')} />}
      placeholder={t('training.select.indicatorsPlaceholder')}
      resetOnSelect
      popoverProps={{ minimal: true, matchTargetWidth: true }}
      tagInputProps={{ inputProps: { id: 'selection-indicators', 'data-testid': 'selection-indicators' } as object, tagProps: { minimal: true } }}
    />
  );
}
