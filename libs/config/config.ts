import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Standard base64 that decodes to exactly `bytes` bytes (and re-encodes to itself). */
const IsBase64Bytes = (bytes: number, message: string) =>
  ValidateBy({
    name: 'isBase64Bytes',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' &&
        Buffer.from(value, 'base64').length === bytes &&
        Buffer.from(value, 'base64').toString('base64') === value,
      defaultMessage: () => message,
    },
  });

/**
 * Every setting the API and the worker read from the environment, validated in
 * one place at start-up. A bad value stops the process with a message naming it.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL: string;

  /** Prefix for every Redis key (queues, pub/sub channels), so runs and deployments can share a server. */
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, { message: 'REDIS_PREFIX must be 1-64 characters of A-Z a-z 0-9 _ . : -' })
  REDIS_PREFIX = 'ic';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 4000;

  @IsString()
  HOST = '127.0.0.1';

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  JWT_TTL_SECONDS = 60 * 60 * 12;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(50)
  GRAPHQL_MAX_DEPTH = 10;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  GRAPHQL_MAX_COST = 5000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  MATCH_TOP_K = 25;

  /** An intent created without `expiresAt` expires this many days after it is created. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  INTENT_DEFAULT_EXPIRY_DAYS = 30;

  /** How often the worker closes expired intents and offers. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  EXPIRY_INTERVAL_MS = 30_000;

  /** Attempts of a worker job (matching, assembly) before it is marked failed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  JOB_ATTEMPTS = 8;

  /** First retry delay of a worker job; each further retry waits twice as long. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  JOB_BACKOFF_MS = 1000;

  /** A running job whose worker stops renewing its lock (killed) is retried after about this long. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  JOB_LOCK_MS = 30_000;

  /**
   * How often each worker's safety nets run: queue again match, erasure and webhook jobs that Redis
   * lost, and restore the expiry schedule. An open intent still unmatched after this long is re-queued.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  SWEEP_INTERVAL_MS = 30_000;

  /** Dispatched outbox rows are deleted after this many hours (checked every SWEEP_INTERVAL_MS). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_RETENTION_HOURS = 24;

  /** "true"/"false" to override the default (on outside production). */
  @IsOptional()
  @IsIn(['true', 'false'])
  INTROSPECTION?: string;

  /**
   * Master key of the personal data vault: base64 of 32 random bytes (`openssl rand -base64 32`).
   * Wraps each individual's data key. Required in production; `npm start` generates one for development.
   */
  @ValidateIf((config: AppConfig) => config.NODE_ENV === 'production' || config.VAULT_MASTER_KEY !== undefined)
  @IsBase64Bytes(32, 'VAULT_MASTER_KEY must be the base64 encoding of exactly 32 bytes (openssl rand -base64 32)')
  VAULT_MASTER_KEY?: string;

  /** Privacy policy linked from every consent receipt (`policyUrl`). */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'PRIVACY_POLICY_URL must be an http(s) URL' })
  PRIVACY_POLICY_URL = 'https://intentcast.example/privacy';

  /** Jurisdiction named in consent receipts (ISO 3166 code). */
  @Matches(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { message: 'PRIVACY_JURISDICTION must be an ISO 3166 code such as GB' })
  PRIVACY_JURISDICTION = 'GB';

  /**
   * Webhooks: allow http:// and https:// endpoints on loopback addresses (127.0.0.0/8, ::1). For tests and
   * local development only; refused in production. Private and link-local addresses are refused always.
   */
  @Transform(toBoolean)
  @IsIn([true, false], { message: 'WEBHOOK_ALLOW_LOOPBACK must be true or false' })
  @ValidateBy({
    name: 'notInProduction',
    validator: {
      validate: (value: unknown, args) => !(value === true && (args?.object as AppConfig).NODE_ENV === 'production'),
      defaultMessage: () => 'WEBHOOK_ALLOW_LOOPBACK must not be true in production',
    },
  })
  WEBHOOK_ALLOW_LOOPBACK = false;

  /** Webhooks: how long one delivery attempt may take (connect, send, first bytes of the answer). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** Webhooks: delay before the first retry; each later one doubles (with jitter), up to WEBHOOK_RETRY_MAX_DELAY_MS. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  WEBHOOK_RETRY_BASE_MS = 60_000;

  /** Webhooks: the longest wait between two attempts. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  WEBHOOK_RETRY_MAX_DELAY_MS = 8 * 3600 * 1000;

  /** Webhooks: a failing delivery is retried this long after its first attempt, then marked failed (>= 72 h in production). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @ValidateBy({
    name: 'atLeast72HoursInProduction',
    validator: {
      validate: (value: unknown, args) =>
        (args?.object as AppConfig).NODE_ENV !== 'production' ||
        (typeof value === 'number' && value >= 72 * 3600 * 1000),
      defaultMessage: () => 'WEBHOOK_RETRY_WINDOW_MS must be at least 259200000 (72 h) in production',
    },
  })
  WEBHOOK_RETRY_WINDOW_MS = 72 * 3600 * 1000;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, unknown> = {};
  for (const key of [...known, 'DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'VAULT_MASTER_KEY']) {
    if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((error) => {
      const messages = Object.values(error.constraints ?? {}).join('; ');
      return `  ${error.property}: ${messages || 'is invalid'}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
