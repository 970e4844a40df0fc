// Per-computer display preferences (theme, language), kept in the page's local storage: they are needed
// before a workspace is unlocked and hold nothing sensitive.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Classes } from '@blueprintjs/core';
import { i18n, LANGUAGES, type Language } from '../i18n/index.ts';

export type Theme = 'dark' | 'light';
type Preferences = { theme: Theme; language: Language; setTheme(t: Theme): void; setLanguage(l: Language): void };

const PreferencesContext = createContext<Preferences | null>(null);
const read = (key: string) => {
  try {
    return localStorage.getItem(`portcullis.${key}`);
  } catch {
    return null;
  }
};
const write = (key: string, value: string) => {
  try {
    localStorage.setItem(`portcullis.${key}`, value);
  } catch {
    // Storage may be unavailable; the choice then lasts this session only.
  }
};

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [theme, setThemeState] = useState<Theme>(() => (read('theme') === 'light' ? 'light' : 'dark'));
  const [language, setLanguageState] = useState<Language>(() => {
    const stored = read('language');
    return (LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'en';
  });

  useEffect(() => {
    document.body.classList.toggle(Classes.DARK, theme === 'dark');
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  useEffect(() => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language === 'hbs' ? 'sh' : language;
  }, [language]);

  const setTheme = useCallback((t: Theme) => {
    write('theme', t);
    setThemeState(t);
  }, []);
  const setLanguage = useCallback((l: Language) => {
    write('language', l);
    setLanguageState(l);
  }, []);
  const value = useMemo(() => ({ theme, language, setTheme, setLanguage }), [theme, language, setTheme, setLanguage]);
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): Preferences {
  const p = useContext(PreferencesContext);
  if (!p) throw new Error('usePreferences outside PreferencesProvider');
  return p;
}
