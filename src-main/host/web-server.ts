import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { contentSecurityPolicy } from '../../src-shared/security/content-security-policy';
import type { Host } from './create-host';
import { allowedHostHeaders, isAllowedHost, isAllowedOrigin, tokenMatches } from './web-auth';
import { readStaticFile } from './static-files';
import { maxFrameBytes, serveContractOverWebSocket } from './ws-transport';

export interface WebServerOptions {
  host: Host;
  rendererDir: string;
  token: string;
  bindHost: string;
  port: number;
  production: boolean;
  /** Extra `Host` header names to accept (e.g. a name used through an SSH tunnel). */
  allowedHostNames?: readonly string[];
}

export interface WebServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const securityHeaders = (production: boolean): Record<string, string> => ({
  'Content-Security-Policy': contentSecurityPolicy({ production }),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
});

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Web mode: the built renderer over HTTP and the contract over a WebSocket at `/ws`. Every
 * request must carry an expected `Host`; the WebSocket also needs the token and a same-origin
 * `Origin`, all checked before the upgrade, so a refused client receives no data at all.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const headers = securityHeaders(options.production);
  let allowed = new Set<string>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!isAllowedHost(req.headers.host, allowed)) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('Unexpected Host header.');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    void readStaticFile(options.rendererDir, req.url ?? '/').then((file) => {
      if (!file) {
        res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('Not found.');
        return;
      }
      const cache = file.type.startsWith('text/html') ? 'no-store' : 'public, max-age=31536000, immutable';
      res.writeHead(200, { ...headers, 'Content-Type': file.type, 'Cache-Control': cache });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });
  const stopServing = serveContractOverWebSocket(wss, options.host);

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname !== '/ws') return refuseUpgrade(socket, 404, 'Not Found');
    if (!isAllowedHost(req.headers.host, allowed)) return refuseUpgrade(socket, 421, 'Misdirected Request');
    if (!isAllowedOrigin(req.headers.origin, allowed)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (!tokenMatches(options.token, url.searchParams.get('token'))) return refuseUpgrade(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  allowed = allowedHostHeaders(options.bindHost, port, options.allowedHostNames);
  const shownHost = options.bindHost === '0.0.0.0' || options.bindHost === '::' ? '127.0.0.1' : options.bindHost;

  return {
    port,
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/?token=${options.token}`,
    close: async () => {
      stopServing();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
