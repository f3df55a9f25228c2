import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { type WebhookUrlPolicy, WebhookUrlError, addressRefusal, checkUrlShape } from './webhook-url-guard';

/** How much of an answer's body is kept in the delivery log: a snippet, never the body. */
export const RESPONSE_SNIPPET_CHARS = 200;
export const ERROR_CHARS = 500;
const SNIPPET_READ_BYTES = 1024;
const USER_AGENT = 'Intentcast-Webhooks/1';

export interface WebhookAttemptResult {
  /** A 2xx answer. */
  ok: boolean;
  /** The HTTP status; null when no answer came. */
  status: number | null;
  /** Why it failed; null on success. */
  error: string | null;
  responseSnippet: string | null;
  durationMs: number;
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  policy: WebhookUrlPolicy;
}

export const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * A `lookup` for the connection that refuses the host when any address it resolves to is not allowed:
 * the address actually connected to is always one that was checked (no DNS rebinding between a check
 * and the connection). IP-literal hosts do not reach a lookup; checkUrlShape judges those.
 */
export function guardedLookup(policy: WebhookUrlPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as dns.LookupAddress[];
      if (list.length === 0) return callback(new WebhookUrlError(`${hostname} does not resolve`), '', 0);
      for (const { address } of list) {
        const refusal = addressRefusal(address, policy);
        if (refusal) return callback(new WebhookUrlError(`refused: ${hostname} resolves to ${refusal}`), '', 0);
      }
      if (options.all) callback(null, list);
      else callback(null, list[0].address, list[0].family);
    });
  };
}

function describeError(error: unknown): string {
  if (error instanceof WebhookUrlError) return error.message;
  const { code, message } = error as NodeJS.ErrnoException;
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

function describeStatus(status: number, location: string | undefined): string {
  if (status >= 300 && status < 400) {
    return `HTTP ${status}: redirects are not followed${location ? ` (Location: ${truncate(location, 200)})` : ''}`;
  }
  return `HTTP ${status}`;
}

/** Printable text only: control characters (other than spaces) are dropped. */
// eslint-disable-next-line no-control-regex
const printable = (text: string) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');

/**
 * POSTs one webhook: the URL's shape and every connected address checked, a time limit on the whole
 * exchange, redirects not followed (a 3xx is a failure), only a short snippet of the answer read.
 * Never throws: every outcome is a result to log.
 */
export function postWebhook(request: WebhookRequest): Promise<WebhookAttemptResult> {
  const started = Date.now();
  const result = (partial: Omit<WebhookAttemptResult, 'durationMs'>): WebhookAttemptResult => ({
    ...partial,
    error: partial.error === null ? null : truncate(partial.error, ERROR_CHARS),
    durationMs: Date.now() - started,
  });
  let url: URL;
  try {
    url = checkUrlShape(request.url, request.policy).url;
  } catch (error) {
    return Promise.resolve(result({ ok: false, status: null, error: describeError(error), responseSnippet: null }));
  }
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    let status: number | null = null;
    let location: string | undefined;
    const chunks: Buffer[] = [];
    let read = 0;
    const finish = (error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const ok = error === null && status !== null && status >= 200 && status < 300;
      const snippet = chunks.length > 0 ? printable(Buffer.concat(chunks).toString('utf8')).trim() : '';
      resolve(
        result({
          ok,
          status,
          error: ok ? null : (error ?? describeStatus(status ?? 0, location)),
          responseSnippet: snippet ? truncate(snippet, RESPONSE_SNIPPET_CHARS) : null,
        }),
      );
      outgoing.destroy();
    };
    const outgoing = transport.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(request.body)),
          'user-agent': USER_AGENT,
          ...request.headers,
        },
        agent: false,
        lookup: guardedLookup(request.policy),
      },
      (response) => {
        status = response.statusCode ?? null;
        location = response.headers.location;
        response.on('data', (chunk: Buffer) => {
          if (read < SNIPPET_READ_BYTES) chunks.push(chunk.subarray(0, SNIPPET_READ_BYTES - read));
          read += chunk.length;
          // Enough for the snippet: the rest of the body is not wanted.
          if (read >= SNIPPET_READ_BYTES) finish(null);
        });
        response.on('end', () => finish(null));
        response.on('error', () => finish(null));
        response.on('close', () => finish(null));
      },
    );
    const timer = setTimeout(() => {
      // An answer already arrived: its status decides, however slow the body.
      if (status !== null) finish(null);
      else finish(`timed out after ${request.timeoutMs} ms`);
    }, request.timeoutMs);
    outgoing.on('error', (error) => finish(describeError(error)));
    outgoing.end(request.body);
  });
}
