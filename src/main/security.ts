import { app, session, shell, type WebContents } from 'electron';
import { ELECTRON_CSP } from './studio-protocol.js';
import { isTrustedSender } from './ipc-validation.js';

/**
 * The renderer is treated as untrusted content: it may not navigate away, open windows, attach webviews,
 * or get any permission except the microphone (the Predict screen's live mode), and only for the app's page.
 */
export function hardenSessions(devServerUrl: string | undefined): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const audioOnly = permission === 'media' && mediaTypes.every((t) => t === 'audio');
    callback(audioOnly && isTrustedSender(details.requestingUrl, devServerUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return permission === 'media' && isTrustedSender(requestingOrigin, devServerUrl);
  });
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
      // Links to the web open in the user's browser, never inside the app.
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
