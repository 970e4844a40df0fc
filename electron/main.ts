// Electron composition root: single instance, hardened window and session, the app:// protocol, the
// API over IPC, the menu. Everything else lives in core/ and is shared with the browser shell and CLI.
import { app, BrowserWindow, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import { fileURLToPath } from 'node:url';
import { createHandlers } from './api.ts';
import { createCore } from './core/core.ts';
import { registerIpc } from './ipc.ts';
import { keychainUsable, safeStorageKeychain } from './keychain.ts';
import { menuTemplate } from './menu.ts';
import { appProtocolHandler } from './protocol.ts';
import { Router } from './router.ts';
import { APP_ORIGIN, APP_SCHEME, hardenSession, hardenWebContents, windowOptions } from './security.ts';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  let mainWindow: BrowserWindow | null = null;
  const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
  const preload = fileURLToPath(new URL('./preload.cjs', import.meta.url));

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir));

    const core = createCore({
      configDir: app.getPath('userData'),
      shell: 'electron',
      version: app.getVersion(),
      keychain: keychainUsable(safeStorage) ? safeStorageKeychain(safeStorage) : null,
      // Reports: the print view on screen, as A4 with its backgrounds (handling-code bands), fonts embedded.
      printToPdf: async () => {
        const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
        if (!target) throw new Error('no window to print');
        return target.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
      },
    });
    const router = new Router(createHandlers(core), core.workspace);
    registerIpc(ipcMain, router, core.events, () => BrowserWindow.getAllWindows());
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate((command) => core.events.emit('app.command', { command }))));

    mainWindow = new BrowserWindow(windowOptions(preload));
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);

    app.on('second-instance', () => {
      if (mainWindow?.isMinimized()) mainWindow.restore();
      mainWindow?.focus();
    });
    let quitting = false;
    app.on('before-quit', (event) => {
      if (quitting) return;
      event.preventDefault();
      quitting = true;
      void core.shutdown().finally(() => app.quit());
    });
    app.on('window-all-closed', () => app.quit());
  });
}
