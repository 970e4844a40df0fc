// Renderer entry: icons, translations, theme, then the app.
import './zod-config.ts';
import '@blueprintjs/core/lib/css/blueprint.css';
import '@blueprintjs/select/lib/css/blueprint-select.css';
import './styles.css';
import { BlueprintProvider } from '@blueprintjs/core';
import { Icons } from '@blueprintjs/icons';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { PreferencesProvider } from './app/preferences.tsx';
import './i18n/index.ts';

// All icon paths come from one local chunk, loaded alongside the first paint (icons appear a moment later).
void Icons.loadAll({ loader: 'all' });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BlueprintProvider>
      <PreferencesProvider>
        <App />
      </PreferencesProvider>
    </BlueprintProvider>
  </StrictMode>,
);
