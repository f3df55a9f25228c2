import { type ArgumentMetadata, Logger, ValidationPipe, type ValidationError } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode, badInput } from '@app/common';

const logger = new Logger('GraphQL');

/** Codes Apollo and graphql-js produce for malformed requests; passed through as they are. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Every error leaves with a stable `extensions.code`. Our own errors keep their
 * message and details; anything unexpected is logged and answered with a generic
 * INTERNAL_SERVER_ERROR, so no stack or SQL ever reaches a client.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) {
    return {
      message: original.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { ...original.details, code: original.code },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  logger.error(original instanceof Error ? (original.stack ?? original.message) : String(original));
  return {
    message: 'Internal server error',
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

function firstViolation(errors: ValidationError[], prefix: string): { field: string; message: string } | null {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const message = Object.values(error.constraints ?? {})[0];
    if (message) return { field, message };
    const nested = firstViolation(error.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

/**
 * class-validator on every GraphQL argument; unknown properties rejected, failures
 * typed BAD_USER_INPUT with the full field path (`input.budget.amount`).
 */
class GraphQLValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof AppError && error.details.field && metadata.data) {
        throw badInput(`${metadata.data}.${error.details.field}`, error.message);
      }
      throw error;
    }
  }
}

export function createValidationPipe(): ValidationPipe {
  return new GraphQLValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const violation = firstViolation(errors, '');
      if (!violation) return new AppError(ErrorCode.BAD_USER_INPUT, 'Invalid input');
      // Messages from class-validator start with the property name; keep them and name the full path.
      return badInput(violation.field, violation.message);
    },
  });
}
