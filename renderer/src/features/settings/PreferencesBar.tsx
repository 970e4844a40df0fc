// Theme and language switches, available before and after unlock.
import { Button, HTMLSelect } from '@blueprintjs/core';
import { useTranslation } from 'react-i18next';
import { usePreferences } from '../../app/preferences.tsx';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../i18n/index.ts';

export function PreferencesBar() {
  const { t } = useTranslation();
  const { theme, setTheme, language, setLanguage } = usePreferences();
  return (
    <div className="pc-prefs-bar">
      <HTMLSelect
        minimal
        aria-label={t('settings.language')}
        value={language}
        onChange={(e) => setLanguage(e.currentTarget.value as Language)}
        options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
      />
      <Button
        minimal
        icon={theme === 'dark' ? 'flash' : 'moon'}
        aria-label={t('settings.toggleTheme')}
        title={t('settings.toggleTheme')}
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
      />
    </div>
  );
}
