// The one error hierarchy (STYLE.md section 9). Every failure gapwatch reports carries a stable `code`
// (for scripts, metrics labels and tests) and, when it is about a place, where: file:line:column for
// configuration, rules and mappings; topic/partition/offset for records.

/** Where an error happened. Only the fields that make sense for the error are set. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  /** A dotted key path in a config/rule file, or a field of a record. */
  field?: string;
  topic?: string;
  partition?: number;
  offset?: string;
}

export interface GapwatchErrorOptions {
  location?: ErrorLocation;
  cause?: unknown;
}

/** Formats a location as `file:line:column (field) topic[partition]@offset`, leaving out what is unknown. */
export function formatLocation(location: ErrorLocation | undefined): string {
  if (!location) return "";
  const parts: string[] = [];
  if (location.file !== undefined) {
    let where = location.file;
    if (location.line !== undefined) where += `:${location.line}`;
    if (location.line !== undefined && location.column !== undefined) where += `:${location.column}`;
    parts.push(where);
  }
  if (location.field !== undefined) parts.push(`(${location.field})`);
  if (location.topic !== undefined) {
    let where = location.topic;
    if (location.partition !== undefined) where += `[${location.partition}]`;
    if (location.offset !== undefined) where += `@${location.offset}`;
    parts.push(where);
  }
  return parts.join(" ");
}

export class GapwatchError extends Error {
  readonly code: string;
  readonly location?: ErrorLocation;

  constructor(code: string, message: string, options: GapwatchErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    if (options.location) this.location = options.location;
  }

  /** `code: message at location`, the line a CLI prints. */
  describe(): string {
    const where = formatLocation(this.location);
    return where ? `${this.code}: ${this.message} at ${where}` : `${this.code}: ${this.message}`;
  }
}

/** Invalid configuration, site model or environment override. Fatal at startup. */
export class ConfigError extends GapwatchError {}

/** Invalid rule file or rule test. Fatal at startup; CI fails. */
export class RuleError extends GapwatchError {}

/** A record could not be normalised. The record goes to the dead-letter topic with this code and its bytes. */
export class MappingError extends GapwatchError {}

/** An output could not be delivered. `retryable` says whether trying again can help (5xx, timeouts) or not (4xx). */
export class DeliveryError extends GapwatchError {
  readonly retryable: boolean;

  constructor(code: string, message: string, options: GapwatchErrorOptions & { retryable: boolean }) {
    super(code, message, options);
    this.retryable = options.retryable;
  }
}

/** Correlation or identity state could not be restored, saved or bounded as promised. */
export class StateError extends GapwatchError {}

export function isGapwatchError(value: unknown): value is GapwatchError {
  return value instanceof GapwatchError;
}
