import { app, BrowserWindow, dialog, session, shell, type WebContents } from 'electron';
import { ELECTRON_CSP } from './studio-protocol.js';
import { isTrustedSender } from './ipc-validation.js';
import { allowPermissionCheck, allowPermissionRequest, externalLinkAction } from './security-policy.js';

/** A link the app does not know: the user sees the full address and decides. */
async function askToOpen(contents: WebContents, url: string): Promise<void> {
  const options = {
    type: 'question' as const,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your web browser?',
    detail: url,
  };
  const win = BrowserWindow.fromWebContents(contents);
  const r = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  if (r.response === 0) await shell.openExternal(url);
}

/**
 * The renderer is treated as untrusted content: it may not navigate away, open windows, attach webviews,
 * or get any permission except the microphone (the Predict screen's live mode), and only for the app's page.
 */
export function hardenSessions(devServerUrl: string | undefined): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(
      allowPermissionRequest(permission, { mediaTypes, requestingUrl: details.requestingUrl }, devServerUrl),
    );
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermissionCheck(permission, requestingOrigin, { mediaType: details.mediaType }, devServerUrl),
  );
  // The dev server's pages get the same policy as the packaged app (studio:// answers carry it already).
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    if (details.resourceType === 'mainFrame' && devServerUrl && details.url.startsWith(devServerUrl)) {
      headers['Content-Security-Policy'] = [ELECTRON_CSP];
    }
    callback({ responseHeaders: headers });
  });

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedSender(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedSender(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Never inside the app: a known link opens in the user's browser, any other https link asks first.
      const action = externalLinkAction(url);
      if (action === 'open') void shell.openExternal(url);
      else if (action === 'ask') void askToOpen(contents, url);
      return { action: 'deny' };
    });
  });
}
