import type { Params } from 'nestjs-pino';

/** Structured JSON logs (pino) for the API and the worker; no request bodies, no credentials. */
export function loggerParams(level: string, name: string): Params {
  return {
    pinoHttp: {
      level,
      name,
      autoLogging: { ignore: (request) => (request.url ?? '').startsWith('/health') },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      serializers: {
        req: (request: { id: unknown; method: string; url: string }) => ({
          id: request.id,
          method: request.method,
          url: request.url,
        }),
      },
    },
  };
}
